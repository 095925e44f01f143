import assert from "node:assert/strict";
import { pageHref, parseListParams } from "./list_params.ts";

Deno.test("parseListParams validates with the schema and keeps the form values", () => {
  const p = parseListParams(new URLSearchParams("status=new&q=+refund+&page=2&category="));
  assert.equal(p.query.status, "new");
  assert.equal(p.query.q, "refund");
  assert.equal(p.query.page, 2);
  assert.equal(p.query.category, undefined);
  assert.equal(p.values.q, "refund");
  assert.deepEqual(p.invalid, []);
});

Deno.test("parseListParams drops invalid parameters and names them", () => {
  const p = parseListParams(
    new URLSearchParams("status=bogus&from=yesterday&priority=high&page=-1"),
  );
  assert.deepEqual(p.invalid.sort(), ["from", "page", "status"]);
  assert.equal(p.query.status, undefined);
  assert.equal(p.query.priority, "high");
  assert.equal(p.query.page, 1);
  assert.equal(p.values.status, "");
});

Deno.test("pageHref keeps the filter and the page", () => {
  const { values } = parseListParams(new URLSearchParams("status=new&q=a b"));
  assert.equal(pageHref(values, 3), "/complaints?status=new&q=a+b&page=3");
  assert.equal(pageHref(parseListParams(new URLSearchParams()).values, 1), "/complaints");
});
