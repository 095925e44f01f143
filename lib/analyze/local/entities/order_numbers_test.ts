import assert from "node:assert/strict";
import { extractOrderNumbers } from "./order_numbers.ts";

Deno.test("finds an order number after the word order and in a retailer format", () => {
  assert.deepEqual(extractOrderNumbers("My order QW-2025-700123 is late."), ["QW-2025-700123"]);
  assert.deepEqual(extractOrderNumbers("Re: order 884512, still waiting"), ["884512"]);
  assert.deepEqual(extractOrderNumbers("Номер заказа: №55123"), ["55123"]);
  assert.deepEqual(extractOrderNumbers("Ваш заказ № 778899 оформлен"), ["778899"]);
  assert.deepEqual(extractOrderNumbers("Order #B-99812 was cancelled"), ["B-99812"]);
  assert.deepEqual(extractOrderNumbers("тапсырыс нөмірі KL-2024-000771"), ["KL-2024-000771"]);
});

Deno.test("finds a bare id shaped like the retailer's format anywhere, e.g. in a statement", () => {
  const text = "order ORD-448812 paid.\n2025-01-02;PAYMENT ORD-448813;-100,00;KZT";
  assert.deepEqual(extractOrderNumbers(text), ["ORD-448812", "ORD-448813"]);
});

Deno.test("ignores parcel, ticket, contract, case and receipt numbers", () => {
  const text = "Order QW-2025-700123. Tracking number RX123456789KZ, ticket TK-55812, " +
    "contract 2025-ABC-77812, case #449812, receipt 00012345. Посылка 77441122, обращение ЖТ-2025-0001234.";
  assert.deepEqual(extractOrderNumbers(text), ["QW-2025-700123"]);
});

Deno.test("ignores dates, phone numbers and model numbers", () => {
  const text = "Bought a Bosch WAT28441 on 2025-03-04, call +7 701 555 1234, SN 20250304-1122.";
  assert.deepEqual(extractOrderNumbers(text), []);
});

Deno.test("a number after # or № counts unless another kind of number is named", () => {
  assert.deepEqual(extractOrderNumbers("Where is #448812? And ORD-99120?"), [
    "448812",
    "ORD-99120",
  ]);
  assert.deepEqual(extractOrderNumbers("Договор №448812, чек №55512"), []);
});

Deno.test("an order reference is still an order number", () => {
  assert.deepEqual(extractOrderNumbers("order ref: 2025-556677, invoice INV-2025-0042"), [
    "2025-556677",
  ]);
});

Deno.test("order ids shaped like dates but not dates, Kazakh number-first phrasing, plural distractor words", () => {
  assert.deepEqual(extractOrderNumbers("My order 40-11-2298 is late."), ["40-11-2298"]);
  assert.deepEqual(extractOrderNumbers("Delivered on 12-11-2026, order 5511223."), ["5511223"]);
  assert.deepEqual(extractOrderNumbers("Сәлеметсіз бе. 6620981 тапсырысы бойынша тоңазытқыш"), [
    "6620981",
  ]);
  assert.deepEqual(
    extractOrderNumbers("order #9034417 made two contracts (KR-2026-44812 and KR-2026-44813)"),
    ["9034417"],
  );
  assert.deepEqual(
    extractOrderNumbers("заявление на возврат № В-3318, заказ 6603318"),
    ["6603318"],
  );
});

Deno.test("an order id is found whatever letters or slashes lead up to its digits", () => {
  const long = " Nothing else to add here.".repeat(8);
  assert.deepEqual(extractOrderNumbers(`Order ORD-2026-0042 and order № AB/55120.${long}`), [
    "ORD-2026-0042",
    "AB/55120",
  ]);
});

Deno.test("an id that says it is an order (ORD-…) is the order number whatever word stands before it", () => {
  assert.deepEqual(extractOrderNumbers("Where is my parcel ORD-44110?"), ["ORD-44110"]);
  assert.deepEqual(extractOrderNumbers("посылка ORD-44110 не пришла"), ["ORD-44110"]);
  assert.deepEqual(extractOrderNumbers("tracking for ORD44110, invoice ORDER-55102"), [
    "ORD44110",
    "ORDER-55102",
  ]);
  assert.deepEqual(extractOrderNumbers("parcel no. ORD-44110 and parcel 44111"), ["ORD-44110"]);
});

Deno.test("an order number after #, №, No. or Nr.: prefix letters and a hyphen, or digits", () => {
  assert.deepEqual(extractOrderNumbers("My order #A-77231 is late"), ["A-77231"]);
  assert.deepEqual(extractOrderNumbers("заказ № 55102 не пришёл"), ["55102"]);
  assert.deepEqual(extractOrderNumbers("заказ №A-77231"), ["A-77231"]);
  assert.deepEqual(extractOrderNumbers("Order No. 55102, order nr. 55103"), ["55102", "55103"]);
  assert.deepEqual(extractOrderNumbers("No. 55102 was never delivered"), ["55102"]);
  assert.deepEqual(extractOrderNumbers("Nr. AB-55102 never came"), ["AB-55102"]);
  assert.deepEqual(extractOrderNumbers("номер заказа: № 55102"), ["55102"]);
});

Deno.test("not an order number: phone numbers, dates, amounts and postcodes, even after #, № or No.", () => {
  const none: string[] = [
    "тел. № 87015551234",
    "phone #87015551234",
    "Call me back, No. 8 701 555 12 34",
    "Please call #87015551234",
    "call +7 701 555 1234 or 8 (701) 555-12-34",
    "my phone is 555-1234",
    "order no. 2026-03-04",
    "Delivered #12.03.2026",
    "№ 1250.00 was charged",
    "#1250,50 was charged twice",
    "I paid 12 500 KZT on 12.03.2026, total 1,250.00 USD",
    "индекс № 050000",
    "postcode #050000, Almaty",
    "zip code No. 10001",
    "Postcode 050000",
  ];
  for (const text of none) assert.deepEqual(extractOrderNumbers(text), [], text);
  assert.deepEqual(
    extractOrderNumbers(
      "Order no. A-77231, amount 1 250.00 KZT, phone +7 701 555 1234, postcode 050000, date 03.04.2026",
    ),
    ["A-77231"],
  );
  assert.deepEqual(extractOrderNumbers("order 1250.00 KZT was charged for order #55102"), [
    "55102",
  ]);
});
