import assert from "node:assert/strict";
import { detectLanguage } from "./language.ts";

Deno.test("tells English, Russian and Kazakh apart on short texts", () => {
  assert.equal(detectLanguage("My fridge is broken."), "en");
  assert.equal(detectLanguage("Холодильник не работает, помогите."), "ru");
  assert.equal(detectLanguage("Тоңазытқыш істемейді, көмектесіңіздер."), "kk");
  assert.equal(detectLanguage("Сәлеметсіз бе, тапсырыс қашан келеді?"), "kk");
});

Deno.test("a Russian text with a Kazakh place name stays Russian", () => {
  assert.equal(
    detectLanguage("Доставка в Қарағанды задерживается уже неделю, прошу помочь."),
    "ru",
  );
});

Deno.test("too little text is undetermined", () => {
  assert.equal(detectLanguage("42 !"), "und");
});
