import assert from "node:assert/strict";
import { addSignals, detectSignals } from "./signals.ts";

Deno.test("detects safety, legal and fraud language in three languages", () => {
  assert.ok(detectSignals("The battery is swelling.").safety >= 1);
  assert.ok(detectSignals("Утюг бьёт током.").safety >= 1);
  assert.ok(detectSignals("I will see you in court.").legal >= 1);
  assert.ok(detectSignals("Обращусь в прокуратуру.").legal >= 1);
  assert.ok(detectSignals("A payment I did not authorise.").fraud >= 1);
  assert.ok(detectSignals("Бұл алаяқтық!").fraud >= 1);
});

Deno.test("a negated hazard is not a hazard", () => {
  assert.equal(detectSignals("No smoke, no sparks, it just stopped.").safety, 0);
});

Deno.test("'sincerely' in Russian is not sparks", () => {
  assert.equal(detectSignals("С искренним уважением, Анна").safety, 0);
});

Deno.test("counts questions marks and repeated exclamation marks", () => {
  const s = detectSignals("Why?? Really!!!");
  assert.ok(s.question >= 1);
  assert.ok(s.anger >= 1);
});

Deno.test("addSignals scales the second tally", () => {
  const a = detectSignals("court");
  const sum = addSignals(a, a, 0.5);
  assert.equal(sum.legal, a.legal * 1.5);
});

Deno.test("negated verbs in Kazakh and Russian count as a described problem", () => {
  assert.ok(detectSignals("Курьер келмеді, тауар жеткізілмеді.").problem >= 1.4);
  assert.ok(detectSignals("Заказ не привезли и не позвонили.").problem >= 0.6);
  assert.equal(detectSignals("Не могли бы вы подсказать часы работы?").problem, 0);
});

Deno.test("counted contacts are repeats, counted other things are not", () => {
  assert.ok(detectSignals("I have called you five times.").repeat >= 1);
  assert.ok(detectSignals("Пять раз звонила на горячую линию.").repeat >= 1);
  assert.equal(detectSignals("Tap the version 7 times to enable it.").repeat, 0);
});
