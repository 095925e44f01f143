import assert from "node:assert/strict";
import { readGoodsFlow } from "./cause.ts";

Deno.test("goods that never came are read in en/ru/kk", () => {
  assert.deepEqual(readGoodsFlow("The parcel never arrived."), {
    wentBack: false,
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
  assert.equal(readGoodsFlow("I cancelled my order the same day.").wentBack, true);
  assert.equal(readGoodsFlow("Вернула товар в магазин.").wentBack, true);
  assert.equal(readGoodsFlow("Үтікті дүкенге қайтардым.").wentBack, true);
});
