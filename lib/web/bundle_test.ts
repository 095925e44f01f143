import assert from "node:assert/strict";
import { fileURLToPath as fromFileUrl } from "node:url";
import { buildIslandBundle, entrySource } from "./bundle.ts";

const clicker = {
  name: "Clicker",
  file: fromFileUrl(new URL("../../test/fixtures/islands/Clicker.tsx", import.meta.url)),
};

Deno.test("entrySource hydrates each marker with its island and props", () => {
  const src = entrySource([clicker]);
  assert.ok(src.includes(`import I0 from ${JSON.stringify(clicker.file)};`));
  assert.ok(src.includes(`"Clicker": I0,`));
  assert.ok(src.includes("hydrate(h(C, JSON.parse("));
});

Deno.test("buildIslandBundle bundles island, hooks and preact into one hashed ESM file", async () => {
  const bundle = await buildIslandBundle([clicker], false);
  const code = new TextDecoder().decode(bundle.code);
  assert.match(bundle.path, /^\/_islands\/main-[0-9a-f]{12}\.js$/);
  assert.ok(code.includes("clicked"), "island code is in the bundle");
  assert.ok(code.includes("useState") || code.includes("__H"), "hooks are bundled");
  assert.ok(!/from\s*["']preact/.test(code), "no bare import is left for the browser");
  // Preact is included once even though hooks and the JSX runtime import it too.
  assert.equal(code.match(/\/\/ node_modules\/preact\/dist\/preact\.mjs/g)?.length, 1);
  const again = await buildIslandBundle([clicker], false);
  assert.equal(again, bundle, "the same island set is built once");
});
