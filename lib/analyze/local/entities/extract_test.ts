import assert from "node:assert/strict";
import { extractEntities } from "./extract.ts";

Deno.test("extracts every entity type from one message", () => {
  const text = "Order QW-2025-700123: my Bosch WAT28441 washer arrived on 12 May broken. " +
    "I paid 189 990 ₸. Call me at +7 701 555 12 34.";
  assert.deepEqual(extractEntities(text, "2025-05-20T08:00:00Z"), {
    orderNumbers: ["QW-2025-700123"],
    amounts: [{ value: 189990, currency: "KZT" }],
    dates: ["2025-05-12"],
    products: ["Bosch WAT28441"],
    phones: ["+77015551234"],
  });
});

Deno.test("returns empty lists for text without entities", () => {
  assert.deepEqual(extractEntities("Hello, what are your opening hours?"), {
    orderNumbers: [],
    amounts: [],
    dates: [],
    products: [],
    phones: [],
  });
});

Deno.test("a parcel's ORD- number is the order number; the phone, amount, date and postcode beside it are not", () => {
  const text = "My parcel ORD-44110 never came. I paid 1 250.00 KZT on 03.04.2026. " +
    "Tel. № 87015551234, postcode 050000.";
  const e = extractEntities(text, "2026-04-10T08:00:00Z");
  assert.deepEqual(e.orderNumbers, ["ORD-44110"]);
  assert.deepEqual(e.phones, ["+77015551234"]);
  assert.deepEqual(e.dates, ["2026-04-03"]);
});
