import assert from "node:assert/strict";
import { refFor, refFromSubject } from "./ref.ts";
import { newId } from "../crypto.ts";

Deno.test("a ref is six uppercase characters of the id's random part and round-trips a subject", () => {
  const id = newId();
  const ref = refFor(id);
  assert.match(ref, /^[0-9A-Z]{6}$/);
  assert.equal(ref, id.slice(-6).toUpperCase());
  assert.equal(refFromSubject(`Re: Your order [#${ref}] is delayed`), ref);
  assert.equal(refFromSubject(`RE: [#${ref.toLowerCase()}] thanks`), ref);
});

Deno.test("subjects without a well-formed token have no ref", () => {
  assert.equal(refFromSubject("Order #123456 is late"), null);
  assert.equal(refFromSubject("[#ABC] short"), null);
  assert.equal(refFromSubject("[#ABCDEFG] long"), null);
  assert.equal(refFromSubject("[#ILOU12] letters Crockford leaves out"), null);
});
