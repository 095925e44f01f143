import assert from "node:assert/strict";
import { searchFields, searchFilter, searchTokens } from "./mongo_search.ts";
import { makeComplaint } from "../../test/support/complaints.ts";

Deno.test("searchTokens folds Latin diacritics like FTS5 but keeps Cyrillic letters apart", () => {
  assert.deepEqual(searchTokens("Café NAÏVE_test"), ["cafe", "naive", "test"]);
  assert.deepEqual(searchTokens("Йогурт Ёлка"), ["йогурт", "ёлка"]);
  assert.deepEqual(searchTokens("ZE-2026-031842"), ["ze", "2026", "031842"]);
});

Deno.test("searchFields keeps subject, body and customer as separate lines of tokens", () => {
  const c = makeComplaint({
    subject: "Broken kettle",
    description: "It leaks",
    customer: { email: "Ann@Example.test", name: "Ann" },
    entities: { orderNumbers: ["A-1"], amounts: [], dates: [], products: [], phones: [] },
  });
  const fields = searchFields(c);
  assert.equal(fields._search, "broken kettle\nit leaks a 1\nann ann example test");
  assert.deepEqual(
    fields._tokens.sort(),
    ["1", "a", "ann", "broken", "example", "it", "kettle", "leaks", "test"].sort(),
  );
});

Deno.test("searchFilter lets only letters and digits through and is null for nothing", () => {
  assert.equal(searchFilter(" -- * "), null);
  const text = JSON.stringify(searchFilter('{"$ne": null} .*(a|b)+'));
  assert.ok(!text.includes('"$ne"'), text);
  assert.ok(!text.includes("(a|b)"), text);
});
