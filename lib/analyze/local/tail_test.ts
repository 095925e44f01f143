import assert from "node:assert/strict";
import { splitTail } from "./tail.ts";

Deno.test("a closing formula with a name and phone under it is the sign-off", () => {
  const r = splitTail(
    "Hello,\n\nmy kettle leaks from the base.\n\nKind regards,\nJohn Smith\n+1 555 0100",
  );
  assert.equal(r.body, "Hello,\n\nmy kettle leaks from the base.");
  assert.match(r.tail, /^Kind regards,/);
});

Deno.test("a confidentiality disclaimer is cut, with its loaded words", () => {
  const r = splitTail(
    "Hi, the screen of my monitor flickers.\n\nThanks\nSam\n\n" +
      "This message is confidential and intended solely for the addressee. Any unauthorised use " +
      "or delivery of it is prohibited.",
  );
  assert.equal(r.body, "Hi, the screen of my monitor flickers.");
  assert.doesNotMatch(r.body, /unauthorised/);
});

Deno.test("a Russian letter loses its 'С уважением' block and a mobile footer", () => {
  const r = splitTail(
    "Добрый день!\nЧайник не греет воду.\nС уважением,\nИрина\nОтправлено с iPhone",
  );
  assert.equal(r.body, "Добрый день!\nЧайник не греет воду.");
});

Deno.test("a Kazakh closing 'Рақмет' with a name under it is the sign-off", () => {
  const r = splitTail("Сәлеметсіз бе!\nТапсырысым әлі келмеді.\n\nРақмет,\nАйгүл");
  assert.equal(r.body, "Сәлеметсіз бе!\nТапсырысым әлі келмеді.");
});

Deno.test("thanks followed by more prose is part of the message, not a sign-off", () => {
  const text = "Hello,\nThanks,\n" +
    "but the order I placed two weeks ago still has not arrived and nobody answers the phone, " +
    "which is really not acceptable for a shop of your size.";
  assert.equal(splitTail(text).body, text);
});

Deno.test("a one-line letter is never cut, even when it is a thank-you", () => {
  assert.equal(splitTail("Thank you!").body, "Thank you!");
});

Deno.test("a signature rule ('-- ') starts the tail", () => {
  const r = splitTail("The app crashes at login.\n-- \nACME Ltd, 5 Main St");
  assert.equal(r.body, "The app crashes at login.");
  assert.equal(r.tail, "-- \nACME Ltd, 5 Main St".trim());
});
