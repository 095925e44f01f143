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

Deno.test("orders nobody placed and consumer-protection complaints are fraud and legal", () => {
  assert.ok(detectSignals("Two orders I did NOT place were paid with my card.").fraud >= 1);
  assert.ok(detectSignals("Someone got into my account last night.").fraud >= 1);
  assert.ok(
    detectSignals("I filed a complaint with the Committee for Protection of Consumer Rights.")
      .legal >= 1,
  );
});

Deno.test("ordinal contacts, reply chains and time waited are repeats", () => {
  assert.ok(detectSignals("3rd email about this order.").repeat >= 2);
  assert.ok(detectSignals("RE: RE: Return label\nStill nothing.").repeat >= 1.5);
  assert.ok(detectSignals("Прошёл уже месяц, денег нет.").repeat >= 1);
});

Deno.test("shouting counts as anger only in the sender's own words", () => {
  const text = "The TV arrived SMASHED with a FOOTPRINT on the box.";
  assert.ok(detectSignals(text).anger >= 1);
  assert.equal(detectSignals(text, false).anger, 0);
});

Deno.test("a customer mentioning the unsubscribe link is not a newsletter", () => {
  assert.ok(detectSignals("I clicked the unsubscribe link and still get SMS.").bulk < 1);
  assert.ok(detectSignals("Weekly news. Unsubscribe here.").bulk >= 1);
});

Deno.test("a closing 'рахмет' is politeness, not praise", () => {
  assert.ok(detectSignals("Көйлекті қайтарғым келеді. Рахмет, Ерболат").praise < 1);
});

Deno.test("remedies asked as questions are requests", () => {
  assert.ok(detectSignals("Is it possible to exchange it for the black one?").request >= 1);
  assert.ok(detectSignals("Можно обменять через курьера?").request >= 1);
  assert.ok(detectSignals("Кепілдік бойынша ауыстырып бере аласыздар ма?").request >= 1);
});

Deno.test("Kazakh 'not yet' and negated verbs count as problems in any case of letters", () => {
  assert.ok(detectSignals("Тапсырыс келген жоқ.").problem >= 0.7);
  assert.ok(detectSignals("Курьер КЕЛМЕДІ.").problem >= 0.7);
  assert.equal(
    detectSignals("Кеше ЖЕТКІЗІЛМЕДІ.").problem,
    detectSignals("Кеше жеткізілмеді.").problem,
  );
});
