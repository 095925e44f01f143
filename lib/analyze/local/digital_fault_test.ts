import assert from "node:assert/strict";
import { countDigitalFaults } from "./digital_fault.ts";

Deno.test("a site or app surface with a failure in one sentence is a digital fault", () => {
  assert.equal(countDigitalFaults("The invoice button on the website gives a blank page."), 1);
  assert.equal(countDigitalFaults("После обновления приложения раздел с платежами пустой."), 1);
  assert.equal(countDigitalFaults("Қосымша ашылмайды."), 1);
});

Deno.test("an app only showing a figure, or a product failing, is no digital fault", () => {
  assert.equal(countDigitalFaults("Your app shows 21 000 for December instead of 18 000."), 0);
  assert.equal(countDigitalFaults("The TV does not turn on and the remote does not work."), 0);
  assert.equal(countDigitalFaults("Заказ не пришел, курьер не отвечает."), 0);
});

Deno.test("the surface and the failure must share a sentence", () => {
  assert.equal(countDigitalFaults("I use your app every day. The parcel did not come."), 0);
});

Deno.test("at most two faulty sentences are counted, however long the log", () => {
  assert.equal(countDigitalFaults("App error.\nApp error.\nApp error.\nApp error."), 2);
});

Deno.test("being logged out, a locked account and a code that never comes are digital faults", () => {
  assert.equal(countDigitalFaults("The website keeps logging me out when I open the cart."), 1);
  assert.equal(countDigitalFaults("My account was locked and the unlock SMS never comes."), 1);
  assert.equal(countDigitalFaults("Аккаунт заблокировали без причины."), 1);
});
