import assert from "node:assert/strict";
import { askText, greeting, missingInfo } from "./asks.ts";
import { makeComplaint } from "../../test/support/complaints.ts";

const entities = makeComplaint().entities;

Deno.test("the order number is asked when an order matters and none was given; a photo for damage without an image", () => {
  assert.deepEqual(
    missingInfo(
      makeComplaint({ category: "billing", entities: { ...entities, orderNumbers: [] } }),
    ),
    ["order"],
  );
  assert.deepEqual(
    missingInfo(makeComplaint({ category: "other", entities: { ...entities, orderNumbers: [] } })),
    [],
  );
  assert.deepEqual(
    missingInfo(makeComplaint({
      category: "delivery",
      subject: "Box arrived damaged",
      entities: { ...entities, orderNumbers: ["ORD-1"] },
      attachments: [],
    })),
    ["photo"],
  );
});

Deno.test("asks and greetings are in the customer's language, English otherwise", () => {
  assert.equal(askText(["order"], "ru"), "Пришлите, пожалуйста, номер вашего заказа.");
  assert.equal(askText(["photo"], "de"), "Could you please send a photo of the damage?");
  assert.equal(greeting("kk", ""), "Сәлеметсіз бе!");
});
