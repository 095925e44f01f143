import assert from "node:assert/strict";
import { countDelayCues, countRepeatedFailures } from "./delay.ts";

Deno.test("a promise that ran out and a stalled tracking status are two kinds of lateness", () => {
  assert.equal(
    countDelayCues("You said it would arrive on Monday. The tracking has not changed since."),
    2,
  );
  assert.equal(countDelayCues("Обещали доставку за два дня, трек не обновляется."), 2);
  assert.equal(countDelayCues("Екі күнде жеткіземіз дедіңіздер."), 1);
});

Deno.test("a plain question about delivery times tells no lateness", () => {
  assert.equal(countDelayCues("How long does delivery to Aktobe take?"), 0);
  // A frozen app screen is not a stalled parcel.
  assert.equal(countDelayCues("The app is stuck on the loading screen."), 0);
});

Deno.test("a failure told as happening again is a repeated failure, in en/ru/kk", () => {
  assert.equal(countRepeatedFailures("On Thursday again nobody came."), 1);
  assert.equal(countRepeatedFailures("Сегодня курьер опять не приехал."), 1);
  assert.equal(countRepeatedFailures("Курьер тағы келмеді."), 1);
  assert.equal(countRepeatedFailures("Thanks again for the quick help."), 0);
});
