import assert from "node:assert/strict";
import { subcategoryFor } from "./subcategory.ts";

Deno.test("names a subcategory from the wording", () => {
  assert.equal(subcategoryFor("delivery", "You sent the wrong colour"), "wrong_item");
  assert.equal(subcategoryFor("billing", "I was charged twice"), "double_charge");
  assert.equal(subcategoryFor("quality", "It started to smoke"), "safety_hazard");
  assert.equal(subcategoryFor("technical", "I cannot log in"), "account_access");
  assert.equal(subcategoryFor("other", "Please delete my personal data"), "data_request");
  assert.equal(subcategoryFor("returns", "Where is my refund?"), "refund_delay");
});
