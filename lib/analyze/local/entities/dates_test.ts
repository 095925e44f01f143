import assert from "node:assert/strict";
import { extractDates, extractRelativeDates } from "./dates.ts";

const AT = "2025-05-20T10:00:00Z";

Deno.test("reads numeric dates, with and without the year", () => {
  assert.deepEqual(extractDates("Paid on 03.04.2025 and again on 17/04/2025; due 02.05.", AT), [
    "2025-04-03",
    "2025-04-17",
    "2025-05-02",
  ]);
  assert.deepEqual(extractDates("log 2025-04-30 12:00:01 ok", AT), ["2025-04-30"]);
  assert.deepEqual(extractDates("paid 2025/04/29 and 2025.04.28", AT), [
    "2025-04-28",
    "2025-04-29",
  ]);
});

Deno.test("reads English month names in both orders", () => {
  const text = "Ordered on 4 April, promised for April 9th, on Tue, Apr 15, 2025 at 9:00 AM " +
    "they wrote; away from 2 to 6 May 2025; the 21st of March.";
  assert.deepEqual(extractDates(text, AT), [
    "2025-03-21",
    "2025-04-04",
    "2025-04-09",
    "2025-04-15",
    "2025-05-02",
    "2025-05-06",
  ]);
});

Deno.test("reads Russian and Kazakh month names in any case ending", () => {
  const text =
    "Купил 7 апреля, доставка 12 мая 2025 г.; с 1 по 3 марта. Тапсырыс 5 сәуірде, 2025 жылғы 9 мамыр.";
  assert.deepEqual(extractDates(text, AT), [
    "2025-03-01",
    "2025-03-03",
    "2025-04-05",
    "2025-04-07",
    "2025-05-09",
    "2025-05-12",
  ]);
});

Deno.test("skips versions, amounts, times, months without a day and impossible dates", () => {
  const text = "App version 5.12, price 49.99, at 18.30, in July, on 31.02.2025, 12 480 points.";
  assert.deepEqual(extractDates(text, AT), []);
});

Deno.test("resolves relative dates against the email's date", () => {
  assert.deepEqual(extractRelativeDates("Yesterday it broke; 3 days ago it was fine", AT), [
    "2025-05-17",
    "2025-05-19",
  ]);
  assert.deepEqual(extractRelativeDates("вчера и сегодня", AT), ["2025-05-19", "2025-05-20"]);
});

Deno.test("a number right after a day and month is a year only when it is a whole 19xx/20xx", () => {
  assert.deepEqual(extractDates("12 қарашада 6612450 тапсырысын бердім", AT), ["2025-11-12"]);
  assert.deepEqual(extractDates("on 3 March 2024 we paid", AT), ["2024-03-03"]);
});

Deno.test("a month name is read across a line break and after an abbreviating dot", () => {
  const long = " Nothing else to add here.".repeat(8);
  assert.deepEqual(extractDates(`Delivered Sept.\n5, 2026 instead.${long}`), ["2026-09-05"]);
  assert.deepEqual(extractDates(`Доставка перенесена на сентября  7 2026.${long}`), ["2026-09-07"]);
  assert.deepEqual(extractDates(`Xmay 5 and 5mar 2026${long}`, "2026-01-01"), []);
});
