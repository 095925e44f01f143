import assert from "node:assert/strict";
import {
  mentions,
  rankCategories,
  scoreCategories,
  topCategory,
  weighDigitalFault,
  weighGoodsFlow,
} from "./category.ts";
import { CATEGORY_LEXICON } from "./lexicon.ts";

const one = (text: string) => scoreCategories([{ text, weight: 1 }]).category;

Deno.test("the root cause outweighs the remedy asked for", () => {
  assert.equal(one("The blender is defective, it stopped working; I want a refund."), "quality");
  assert.equal(one("The courier never delivered my order, please refund me."), "delivery");
  assert.equal(one("I returned the item a month ago and the refund has not arrived."), "returns");
});

Deno.test("recognises each category in Russian", () => {
  assert.equal(one("Списали деньги дважды за один платёж по рассрочке."), "billing");
  assert.equal(one("Не могу войти в приложение, пишет ошибку пароля."), "technical");
  assert.equal(one("Курьер не привёз заказ, доставку перенесли три раза."), "delivery");
});

Deno.test("nothing matched means other", () => {
  const r = scoreCategories([{ text: "Hello there.", weight: 1 }]);
  assert.equal(r.category, "other");
  assert.equal(topCategory(r.scores), "other");
});

Deno.test("segment weights scale the scores", () => {
  const low = scoreCategories([{ text: "courier", weight: 0.5 }]).scores.delivery;
  const high = scoreCategories([{ text: "courier", weight: 2 }]).scores.delivery;
  assert.equal(high, low * 4);
  assert.equal(
    rankCategories(scoreCategories([{ text: "courier", weight: 1 }]).scores)[0],
    "delivery",
  );
});

Deno.test("a return or exchange sent through the courier is a return, not a delivery fault", () => {
  assert.equal(
    one("Хочу поменять кроссовки на размер больше. Можно обменять через курьера?"),
    "returns",
  );
  assert.equal(
    one("Your courier never came for the return pickup. Refund me and I'll bring it back."),
    "returns",
  );
  // A real delivery fault still wins over the return the customer then asks about.
  assert.equal(one("The courier brought someone else's order. Where do I return it?"), "delivery");
});

Deno.test("context words count less once another category names a cause", () => {
  const r = scoreCategories([{
    text: "The colour is not like on the website photos. Can I exchange it?",
    weight: 1,
  }]);
  assert.equal(r.category, "returns");
  assert.ok(
    r.scores.technical < scoreCategories([{ text: "website", weight: 1 }]).scores.technical,
  );
});

Deno.test("a warranty named without any fault is not a quality complaint", () => {
  assert.notEqual(one("I lost my warranty card, can I get a duplicate?"), "quality");
  assert.equal(one("The screen flickers, can you replace it under warranty?"), "quality");
});

Deno.test("clothes that shrink, fade or tear are quality", () => {
  assert.equal(one("The t-shirts shrank after one wash and the black one faded."), "quality");
  assert.equal(one("Куртка полиняла, шов разошёлся."), "quality");
});

Deno.test("promo codes, discounts and bonus accruals are billing", () => {
  assert.equal(one("Promo code WINTER15 says not valid for these items."), "billing");
  assert.equal(one("Не начислились бонусы за заказ по акции."), "billing");
});

Deno.test("context backs its own category's cause in full", () => {
  // The app is where the crash happens: the crash is the cause, the instalment only the topic.
  assert.equal(
    one(
      "Третий день пытаюсь оформить рассрочку в приложении: приложение вылетает на последнем шаге.",
    ),
    "technical",
  );
  assert.equal(
    one("Since the firmware update the TV won't start. Please repair it under warranty."),
    "quality",
  );
});

Deno.test("a text mentions a category's phrase only when that phrase is found and not negated", () => {
  const phrases = CATEGORY_LEXICON.quality.map((t) => t.p).filter((p) => p === "defect");
  assert.equal(mentions("The kettle is defective.", "quality", phrases), true);
  assert.equal(mentions("The kettle has no defect.", "quality", phrases), false);
  assert.equal(mentions("The kettle is defective.", "quality", []), false);
  assert.equal(mentions("The kettle is defective.", "delivery", phrases), false);
});

Deno.test("a told site fault outweighs the billing words naming what the page was about", () => {
  const base = scoreCategories([{ text: "the instalment schedule page", weight: 1 }]);
  assert.equal(base.category, "billing");
  assert.equal(weighDigitalFault(base, 1, 0).category, "technical");
  // Money already lost keeps the billing words a cause.
  assert.equal(weighDigitalFault(base, 1, 2).scores.billing, base.scores.billing);
  assert.equal(weighDigitalFault(base, 0, 0), base);
});

Deno.test("a refund asked for goods that never came is delivery; for goods sent back it is returns", () => {
  const base = scoreCategories([{ text: "refund the money back, delivery", weight: 1 }]);
  assert.equal(base.category, "returns");
  const flow = { wentBack: false, calledOff: false, neverCame: true };
  assert.equal(weighGoodsFlow(base, flow).category, "delivery");
  assert.equal(weighGoodsFlow(base, { ...flow, wentBack: true }).category, "returns");
  // An order called off is not late: the refund stays the matter.
  assert.equal(weighGoodsFlow(base, { ...flow, calledOff: true }).category, "returns");
});
