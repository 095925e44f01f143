import assert from "node:assert/strict";
import { withSignature } from "./signature.ts";

Deno.test("the signature goes under the reply after the '-- ' line", () => {
  assert.equal(
    withSignature("Your refund is on its way.\n\n", "Bea Novak\nSupport team"),
    "Your refund is on its way.\n\n-- \nBea Novak\nSupport team",
  );
});

Deno.test("no signature, or one already at the end, leaves the text as it is", () => {
  assert.equal(withSignature("Hi", undefined), "Hi");
  assert.equal(withSignature("Hi", "  "), "Hi");
  assert.equal(withSignature("Hi\n-- \nBea", "Bea"), "Hi\n-- \nBea");
});
