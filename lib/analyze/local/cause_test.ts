import assert from "node:assert/strict";
import { readGoodsFlow } from "./cause.ts";

Deno.test("goods that never came are read in en/ru/kk", () => {
  assert.deepEqual(readGoodsFlow("The parcel never arrived."), {
    wentBack: false,
    calledOff: false,
    neverCame: true,
  });
  assert.equal(readGoodsFlow("Заказ так и не пришел.").neverCame, true);
  assert.equal(readGoodsFlow("Тапсырысым әлі келмеді.").neverCame, true);
});

Deno.test("money that has not come is not goods that never came", () => {
  assert.equal(readGoodsFlow("The refund has not arrived yet.").neverCame, false);
  assert.equal(readGoodsFlow("Деньги так и не пришли.").neverCame, false);
});

Deno.test("goods sent back or an order called off are read in en/ru/kk", () => {
  assert.equal(readGoodsFlow("I sent back the boots last week.").wentBack, true);
  assert.equal(readGoodsFlow("I cancelled my order the same day.").calledOff, true);
  assert.equal(readGoodsFlow("I cancelled my order the same day.").wentBack, false);
  assert.equal(readGoodsFlow("Вернула товар в магазин.").wentBack, true);
  assert.equal(readGoodsFlow("Үтікті дүкенге қайтардым.").wentBack, true);
});

Deno.test("goods sent back with the object between verb and 'back' are read as sent back", () => {
  assert.equal(readGoodsFlow("I sent the blue speaker back on Monday.").wentBack, true);
  assert.equal(readGoodsFlow("We brought it back to the shop.").wentBack, true);
  assert.equal(readGoodsFlow("Please call me back.").wentBack, false);
});
