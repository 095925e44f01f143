import assert from "node:assert/strict";
import { readImpact } from "./impact.ts";

Deno.test("a refund promised within days with nothing on the card yet is money out", () => {
  const r = readImpact(
    "They said the refund takes five working days. Two weeks later there is nothing on my card.",
  );
  assert.equal(r.moneyOut, 2);
});

Deno.test("a Russian sum that has still not come back after weeks is money out", () => {
  assert.equal(
    readImpact("Сдала пылесос три недели назад, деньги до сих пор не поступили на карту.").moneyOut,
    2,
  );
});

Deno.test("a Kazakh refund that has not arrived for a week is money out", () => {
  assert.equal(readImpact("Бір апта өтті, ақшам әлі түспеді.").moneyOut, 2);
});

Deno.test("a question about when the money will come back is not money out", () => {
  assert.equal(readImpact("How long does a refund take to reach my card?").moneyOut, 0);
  assert.equal(readImpact("Подскажите, через сколько дней вернутся деньги?").moneyOut, 0);
});

Deno.test("the same charge taken twice is money out, in any of the three languages", () => {
  assert.equal(readImpact("My statement shows two debits of 12 000 for one order.").moneyOut, 2);
  assert.equal(readImpact("С карты сняли 5 000 тенге два раза.").moneyOut, 2);
  assert.equal(readImpact("Картамнан ақша екі рет алынды.").moneyOut, 2);
});

Deno.test("paying twice oneself or asking about an extra charge is not money taken twice", () => {
  assert.equal(
    readImpact("I paid the instalment twice by mistake, by card and in cash.").moneyOut,
    0,
  );
  assert.equal(readImpact("What is this extra charge on my invoice?").moneyOut, 0);
});

Deno.test("a parcel that has not arrived is not money out, even when it was paid", () => {
  assert.equal(readImpact("I paid ten days ago and the parcel has not arrived.").moneyOut, 0);
});

Deno.test("a payment due today or tomorrow is a deadline; a date next month is not", () => {
  assert.equal(readImpact("My instalment is due tomorrow and I cannot pay.").deadline, 1);
  assert.equal(readImpact("Сегодня последний день оплаты взноса.").deadline, 1);
  assert.equal(readImpact("Ертең төлем жасауым керек.").deadline, 1);
  assert.equal(readImpact("The next payment is due on 5 March.").deadline, 0);
  assert.equal(readImpact("I will be at home today after six.").deadline, 0);
});

Deno.test("working days given up waiting are time lost; being at work is not", () => {
  assert.equal(readImpact("I took a day off work and nobody came.").timeLost, 1);
  assert.equal(readImpact("Я отпросилась с работы, а курьер не приехал.").timeLost, 1);
  assert.equal(readImpact("Жұмыстан сұранып, күні бойы күттім.").timeLost, 1);
  assert.equal(readImpact("Please deliver after six, I am at work until then.").timeLost, 0);
});

Deno.test("money told inside the absence ('have not had my 20 000 tenge back') is money out", () => {
  assert.equal(
    readImpact("I returned it three weeks ago and I have not had my 20 000 tenge back.").moneyOut,
    2,
  );
});
