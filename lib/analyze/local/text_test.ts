import assert from "node:assert/strict";
import { letterCounts, splitQuoted, squash } from "./text.ts";

Deno.test("lines after an English attribution line are quoted", () => {
  const s = splitQuoted(
    "Still broken.\n\nOn Tue, 4 Mar 2025, Shop <a@b.c> wrote:\nWe will fix it.",
  );
  assert.equal(s.own, "Still broken.");
  assert.equal(s.quoted, "On Tue, 4 Mar 2025, Shop <a@b.c> wrote:\nWe will fix it.");
});

Deno.test("'>' lines and Russian attribution lines are quoted", () => {
  const s = splitQuoted("Ответа нет.\n> старое письмо\nИван писал(а):\nещё старое");
  assert.equal(s.own, "Ответа нет.");
  assert.match(s.quoted, /старое письмо/);
  assert.match(s.quoted, /ещё старое/);
});

Deno.test("squash and letterCounts", () => {
  assert.equal(squash(" a\u2009\u00a0b \n c "), "a b c");
  assert.deepEqual(letterCounts("ab где 12"), { latin: 2, cyrillic: 3, total: 5 });
});

Deno.test("letterCounts counts ASCII letters and the Cyrillic block, not other scripts", () => {
  assert.deepEqual(letterCounts("é ß Ω 𝐀 Zz Ёё әҚ"), { latin: 2, cyrillic: 4, total: 6 });
});
