import assert from "node:assert/strict";
import { latinizeCodes } from "./ocr.ts";

Deno.test("latinizeCodes puts Cyrillic look-alikes in codes back to Latin, words untouched", () => {
  assert.equal(latinizeCodes("Заказ: 7Е-2026-053318"), "Заказ: 7E-2026-053318");
  assert.equal(latinizeCodes("Ошибка Е-4012, код ХК-77"), "Ошибка E-4012, код XK-77");
  assert.equal(latinizeCodes("северо-западный 2-й"), "северо-западный 2-й");
  assert.equal(latinizeCodes("Счёт-фактура 12"), "Счёт-фактура 12");
});
