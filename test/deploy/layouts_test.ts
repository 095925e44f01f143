import assert from "node:assert/strict";
import { parse } from "smol-toml";

const ROOT = new URL("../../", import.meta.url);
const read = (path: string) => Deno.readTextFile(new URL(path, ROOT));
const exists = async (path: string) => {
  try {
    return (await Deno.stat(new URL(path, ROOT))).isFile;
  } catch {
    return false;
  }
};

Deno.test("supabase/config.toml declares every function in supabase/functions with its own auth (verify_jwt off), the root import map and an existing entry point", async () => {
  const config = parse(await read("supabase/config.toml")) as {
    functions: Record<string, { verify_jwt: boolean; import_map: string; entrypoint: string }>;
  };
  const dirs: string[] = [];
  for await (const e of Deno.readDir(new URL("supabase/functions/", ROOT))) {
    if (e.isDirectory && !e.name.startsWith("_")) dirs.push(e.name);
  }
  assert.deepEqual(Object.keys(config.functions).sort(), dirs.sort());
  for (const [name, fn] of Object.entries(config.functions)) {
    assert.equal(fn.verify_jwt, false, `${name}: our own auth, not Supabase's JWT`);
    assert.ok(await exists(`supabase/${fn.entrypoint}`), `${name}: ${fn.entrypoint}`);
    assert.ok(await exists(`supabase/${fn.import_map}`), `${name}: ${fn.import_map}`);
    const source = await read(`supabase/${fn.entrypoint}`);
    assert.ok(source.includes(`"../../../functions/${name}/index.ts"`), `${name}: the app itself`);
  }
});

Deno.test("poller/wrangler.toml deploys the Email Worker module, which exports an email handler", async () => {
  const wrangler = parse(await read("poller/wrangler.toml")) as {
    name: string;
    main: string;
    compatibility_date: string;
    vars: Record<string, string>;
  };
  assert.ok(await exists(`poller/${wrangler.main}`));
  assert.match(wrangler.compatibility_date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(wrangler.vars.INGEST_URL, /^https:\/\/.+\/functions\/v1\/ingest$/);
  assert.ok(!("INGEST_TOKEN" in wrangler.vars), "the token is a secret, never a var");
  const worker = await import(new URL(`poller/${wrangler.main}`, ROOT).href);
  assert.equal(typeof worker.default?.email, "function");
});
