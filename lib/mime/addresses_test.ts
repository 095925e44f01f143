import assert from "node:assert/strict";
import { parseAddressHeader } from "./addresses.ts";

Deno.test("decodes encoded display names, even when they contain commas", () => {
  assert.deepEqual(
    parseAddressHeader("=?iso-8859-1?Q?B=FCrling,=20Andreas?= <smith@example.com>"),
    [
      { email: "smith@example.com", name: "Bürling, Andreas" },
    ],
  );
  assert.deepEqual(parseAddressHeader('"=?utf-8?B?0JjQstCw0L0=?=" <ivan@mail.ru>, b@x.kz'), [
    { email: "ivan@mail.ru", name: "Иван" },
    { email: "b@x.kz", name: "" },
  ]);
});

Deno.test("flattens groups and never decodes words inside an addr-spec", () => {
  assert.deepEqual(parseAddressHeader("Team: a@x.kz, B <b@x.kz>;").map((a) => a.email), [
    "a@x.kz",
    "b@x.kz",
  ]);
  assert.equal(
    parseAddressHeader("=?utf-8?Q?agent?=@example.com")[0].email,
    "=?utf-8?Q?agent?=@example.com",
  );
});
