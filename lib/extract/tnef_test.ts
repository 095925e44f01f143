import assert from "node:assert/strict";
import { unpackTnef } from "./tnef.ts";
import { buildTnef } from "../../test/support/fixtures/office.ts";

Deno.test("unpackTnef returns the body and every attached file byte for byte", () => {
  const a = new Uint8Array([1, 2, 3, 0, 255]);
  const b = new TextEncoder().encode("hello");
  const got = unpackTnef(buildTnef("Body text", [
    { filename: "a.bin", content: a },
    { filename: "b.txt", content: b },
  ]));
  assert.equal(got.body, "Body text");
  assert.deepEqual(got.files.map((f) => f.filename), ["a.bin", "b.txt"]);
  assert.deepEqual([...got.files[0].content], [...a]);
  assert.deepEqual([...got.files[1].content], [...b]);
});

Deno.test("unpackTnef refuses a stream that is not TNEF or runs past its end", () => {
  assert.throws(() => unpackTnef(new Uint8Array([1, 2, 3, 4, 5, 6])), /not a TNEF/);
  const tnef = buildTnef("x", [{ filename: "a", content: new Uint8Array(100) }]);
  assert.throws(() => unpackTnef(tnef.subarray(0, tnef.length - 50)), /past the end/);
});
