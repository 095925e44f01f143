import assert from "node:assert/strict";
import { buildIslandBundle } from "./bundle.ts";
import { loadPrebuilt, writePrebuilt } from "./prebuilt.ts";

const CLICKER = await Deno.readTextFile(
  new URL("../../test/fixtures/islands/Clicker.tsx", import.meta.url),
);

/** An island in a temp root of its own, so the test can change its source. */
async function world() {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "prebuilt-" }));
  await Deno.mkdir(`${root}/islands`);
  const file = `${root}/islands/Clicker.tsx`;
  await Deno.writeTextFile(file, CLICKER);
  return { root, file, outDir: `${root}/_fresh` };
}

Deno.test("a saved build is found fresh while its sources are unchanged, stale once an island changes", async () => {
  const w = await world();
  try {
    const bundle = await buildIslandBundle([{ name: "Clicker", file: w.file }], false);
    assert.ok(bundle.inputs.includes(w.file), "the island is among the bundle's inputs");
    const record = await writePrebuilt(w.outDir, w.root, ["Clicker"], bundle);
    assert.deepEqual(record.files, ["islands/Clicker.tsx"], "dependencies are not fingerprinted");

    const fresh = await loadPrebuilt(w.outDir, w.root, ["Clicker"]);
    assert.equal(fresh.state, "fresh");
    if (fresh.state !== "fresh") return;
    assert.equal(fresh.bundle.path, bundle.path);
    assert.deepEqual(fresh.bundle.code, bundle.code);

    const renamed = await loadPrebuilt(w.outDir, w.root, ["Clicker", "Other"]);
    assert.equal(renamed.state, "stale");

    await Deno.writeTextFile(w.file, CLICKER.replace("clicked", "pressed"));
    const changed = await loadPrebuilt(w.outDir, w.root, ["Clicker"]);
    assert.equal(changed.state, "stale");
    assert.match(changed.state === "stale" ? changed.reason : "", /changed since the build/);
  } finally {
    await Deno.remove(w.root, { recursive: true });
  }
});

Deno.test("no saved build, or a record whose bundle is gone, is missing with a reason", async () => {
  const w = await world();
  try {
    const none = await loadPrebuilt(w.outDir, w.root, ["Clicker"]);
    assert.equal(none.state, "missing");
    const bundle = await buildIslandBundle([{ name: "Clicker", file: w.file }], false);
    await writePrebuilt(w.outDir, w.root, ["Clicker"], bundle);
    await Deno.remove(`${w.outDir}/main-${bundle.hash}.js`);
    const gone = await loadPrebuilt(w.outDir, w.root, ["Clicker"]);
    assert.equal(gone.state, "missing");
    assert.match(gone.state === "missing" ? gone.reason : "", /is gone/);
  } finally {
    await Deno.remove(w.root, { recursive: true });
  }
});
