import assert from "node:assert/strict";
import { actionKeyboard, parseAction } from "./buttons.ts";

Deno.test("only our own callback data is understood", () => {
  assert.deepEqual(parseAction("take:01ABC"), { action: "take", id: "01ABC" });
  assert.deepEqual(parseAction("resolve:x_y-z"), { action: "resolve", id: "x_y-z" });
  assert.equal(parseAction("delete:01ABC"), null);
  assert.equal(parseAction("take:"), null);
  assert.equal(parseAction("take:a b"), null);
  assert.equal(parseAction(undefined), null);
});

Deno.test("every button's callback data reads back to its action and complaint", () => {
  const rows = actionKeyboard("01XYZ").inline_keyboard.flat();
  assert.deepEqual(rows.map((b) => parseAction(b.callback_data)), [
    { action: "take", id: "01XYZ" },
    { action: "resolve", id: "01XYZ" },
  ]);
});
