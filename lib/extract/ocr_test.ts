import assert from "node:assert/strict";
import { latinizeCodes, tengeSigns } from "./ocr.ts";

Deno.test("latinizeCodes puts Cyrillic look-alikes in codes back to Latin, words untouched", () => {
  assert.equal(latinizeCodes("Заказ: 7Е-2026-053318"), "Заказ: 7E-2026-053318");
  assert.equal(latinizeCodes("Ошибка Е-4012, код ХК-77"), "Ошибка E-4012, код XK-77");
  assert.equal(latinizeCodes("северо-западный 2-й"), "северо-западный 2-й");
  assert.equal(latinizeCodes("Счёт-фактура 12"), "Счёт-фактура 12");
});

Deno.test("tengeSigns turns a T read after a price back into ₸, and leaves words and codes", () => {
  assert.equal(tengeSigns("Qty:1 7990T"), "Qty:1 7990₸");
  assert.equal(tengeSigns("Dyson V15 — 379 990 Т"), "Dyson V15 — 379 990 ₸");
  assert.equal(tengeSigns("Total 12.50 T"), "Total 12.50 ₸");
  assert.equal(tengeSigns("Model 55T80 and 5 TB disk, TV 4K"), "Model 55T80 and 5 TB disk, TV 4K");
});
