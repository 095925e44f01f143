import assert from "node:assert/strict";
import { z } from "zod";
import { formText, parseFormFields } from "./form_fields.ts";
import { InvalidError } from "../errors.ts";

Deno.test("form text reads string fields only", () => {
  const form = new FormData();
  form.set("a", "x");
  form.set("f", new File(["1"], "f.txt"));
  assert.equal(formText(form, "a"), "x");
  assert.equal(formText(form, "f"), undefined);
  assert.equal(formText(null, "a"), undefined);
});

Deno.test("form fields that fail their schema name each field", () => {
  const schema = z.object({ title: z.string().min(1), n: z.number() });
  assert.deepEqual(parseFormFields(schema, { title: "t", n: 1 }), { title: "t", n: 1 });
  assert.throws(
    () => parseFormFields(schema, { title: "", n: "x" }),
    (e: unknown) => e instanceof InvalidError && /title: .*; n: /.test(e.message),
  );
});
