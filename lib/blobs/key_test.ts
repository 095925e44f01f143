import assert from "node:assert/strict";
import { assertBlobKey } from "./key.ts";

Deno.test("assertBlobKey accepts content-addressed keys and refuses escapes", () => {
  for (const key of ["raw/ab/abc.eml", "att/ab/0f.pdf", "x"]) assert.equal(assertBlobKey(key), key);
  for (const key of ["", "/abs", "../x", "raw/../x", "raw/./x", "raw//x", "raw/x/", "a b"]) {
    assert.throws(() => assertBlobKey(key), /invalid blob key/, JSON.stringify(key));
  }
});
