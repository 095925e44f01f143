import assert from "node:assert/strict";
import freshConfig from "../../fresh.config.ts";
import { resolveConfig } from "./config.ts";
import { generateManifest, manifestPath } from "./gen_manifest.ts";

Deno.test("fresh.gen.ts is up to date (run `deno task manifest` after adding a route or island)", async () => {
  const config = resolveConfig(freshConfig, new URL("../../fresh.config.ts", import.meta.url).href);
  const expected = await generateManifest(config);
  const actual = await Deno.readTextFile(manifestPath(config));
  assert.equal(actual, expected);
});

Deno.test("generateManifest imports routes and islands in sorted order, skipping tests", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/routes/b`, { recursive: true });
    await Deno.mkdir(`${root}/islands`);
    for (const f of ["routes/index.tsx", "routes/b/[id].tsx", "routes/a.ts", "routes/a_test.ts"]) {
      await Deno.writeTextFile(`${root}/${f}`, "");
    }
    await Deno.writeTextFile(`${root}/islands/X.tsx`, "");
    await Deno.writeTextFile(`${root}/routes/readme.md`, "");
    const src = await generateManifest(
      resolveConfig({}, `file://${root}/fresh.config.ts`),
    );
    assert.ok(src.includes(`import * as $0 from "./routes/a.ts";`));
    assert.ok(src.includes(`import * as $1 from "./routes/b/[id].tsx";`));
    assert.ok(src.includes(`import * as $2 from "./routes/index.tsx";`));
    assert.ok(src.includes(`import * as $$0 from "./islands/X.tsx";`));
    assert.ok(src.includes(`"./islands/X.tsx": $$0,`));
    assert.ok(!src.includes("a_test") && !src.includes("readme"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
