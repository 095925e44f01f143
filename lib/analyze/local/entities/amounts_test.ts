import assert from "node:assert/strict";
import { extractAmounts, parseNumber } from "./amounts.ts";

Deno.test("parses numbers with space, thin-space, comma and dot separators", () => {
  assert.equal(parseNumber("219 990"), 219990);
  assert.equal(parseNumber("12\u2009345"), 12345);
  assert.equal(parseNumber("49,99"), 49.99);
  assert.equal(parseNumber("1,299.50"), 1299.5);
  assert.equal(parseNumber("1.299,50"), 1299.5);
  assert.equal(parseNumber("145 617.44"), 145617.44);
});

Deno.test("normalises symbols, codes and words to ISO currencies", () => {
  const text = "Paid 15 500 ₸, then $12.50, €7, £3, 120 RUB, 300 руб., 4 000 тг, 9 990 теңге, " +
    "KZT 1 200 and 2 000 тенге.";
  assert.deepEqual(extractAmounts(text), [
    { value: 15500, currency: "KZT" },
    { value: 12.5, currency: "USD" },
    { value: 7, currency: "EUR" },
    { value: 3, currency: "GBP" },
    { value: 120, currency: "RUB" },
    { value: 300, currency: "RUB" },
    { value: 4000, currency: "KZT" },
    { value: 9990, currency: "KZT" },
    { value: 1200, currency: "KZT" },
    { value: 2000, currency: "KZT" },
  ]);
});

Deno.test("de-duplicates by value and currency and reads statement columns", () => {
  const text = "Charged 5 000 KZT twice: 5 000 KZT and 5 000 ₸.\n01.02.2025;SHOP;-7 100,00;KZT";
  assert.deepEqual(extractAmounts(text), [
    { value: 5000, currency: "KZT" },
    { value: 7100, currency: "KZT" },
  ]);
});

Deno.test("bonus points and plain numbers are not money", () => {
  assert.deepEqual(extractAmounts("I had 3 200 bonus points and 4 items, order 55123."), []);
});

Deno.test("a grouped number by a money word takes the letter's only currency", () => {
  const text = "Monthly payment should be 10 000 KZT, the difference is 1 500 per month.";
  assert.deepEqual(extractAmounts(text), [
    { value: 10000, currency: "KZT" },
    { value: 1500, currency: "KZT" },
  ]);
});

Deno.test("reads thousands and millions written as words", () => {
  assert.deepEqual(extractAmounts("Дали 50 тыс. тенге, потом 1,5 млн ₸ и 20 мың теңге, $3k"), [
    { value: 50000, currency: "KZT" },
    { value: 1500000, currency: "KZT" },
    { value: 20000, currency: "KZT" },
    { value: 3000, currency: "USD" },
  ]);
});

Deno.test("table columns headed by a currency make their numbers money, until the table ends", () => {
  const sheet = [
    "Sheet: Items",
    "No\tItem\tArticle\tQty\tUnit price, KZT\tTotal, KZT",
    "1\tDesk lamp\t55501\t2\t12 500\t25000",
    "\tTOTAL\t\t2\t\t25000",
    "",
    "Rows below are not money: 77777",
  ].join("\n");
  assert.deepEqual(extractAmounts(sheet), [
    { value: 12500, currency: "KZT" },
    { value: 25000, currency: "KZT" },
  ]);
  const csv = "Дата;Описание;Сумма, ₽\n01.09.2026;Списание;1 499,90\n";
  assert.deepEqual(extractAmounts(csv), [{ value: 1499.9, currency: "RUB" }]);
});

Deno.test("a decimal amount beside a VAT or total label takes the document's currency", () => {
  const text = "Total, KZT 279 990.00\nincl. VAT 12% 29 998.93\nArticle 1 004 521 pcs";
  assert.deepEqual(extractAmounts(text), [
    { value: 279990, currency: "KZT" },
    { value: 29998.93, currency: "KZT" },
  ]);
});

Deno.test("table cells run together into an implausible number are not an amount", () => {
  const text = "Price Sum\nSamsung TV 1 319 990 319 990\nRefund 319 990 ₸";
  assert.deepEqual(extractAmounts(text), [{ value: 319990, currency: "KZT" }]);
});

Deno.test("the Latin 'tg' for tenge is KZT", () => {
  assert.deepEqual(extractAmounts("paid 139 990 tg for it"), [{ value: 139990, currency: "KZT" }]);
});

Deno.test("a currency before the number is read with a sign, a space, a dot or a US prefix", () => {
  const long = " Nothing else to add here.".repeat(8);
  assert.deepEqual(extractAmounts(`Paid US$ 1,299.50 and руб. 700, then ₸ −5 000.${long}`), [
    { value: 1299.5, currency: "USD" },
    { value: 700, currency: "RUB" },
    { value: 5000, currency: "KZT" },
  ]);
  assert.deepEqual(extractAmounts(`ABC$ 100 and x₸100${long}`), []);
});
