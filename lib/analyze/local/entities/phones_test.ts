import assert from "node:assert/strict";
import { extractPhones } from "./phones.ts";

Deno.test("normalises Kazakh and Russian numbers in common spellings", () => {
  const text = "Call +7 702 555 11 22 or 8 (705) 555-33-44, office +7 7252 55 06 17.";
  assert.deepEqual(extractPhones(text), ["+77025551122", "+77055553344", "+77252550617"]);
});

Deno.test("keeps other international numbers and skips masked ones, amounts and ids", () => {
  const text = "UK +44 20 7946 0958; masked +7 705 *** ** 77; paid 8 500 KZT; order 87001234";
  assert.deepEqual(extractPhones(text), ["+442079460958"]);
});
