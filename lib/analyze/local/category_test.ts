import assert from "node:assert/strict";
import { rankCategories, scoreCategories, topCategory } from "./category.ts";

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
