import assert from "node:assert/strict";
import { join } from "node:path";
import { parseConfig } from "./config.ts";
import { randomToken, resolveSecrets } from "./secrets.ts";

async function withDataDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    // A folder that does not exist yet: resolveSecrets must create it.
    await fn(join(root, "data"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

function recorder() {
  const announced: [string, string][] = [];
  return { announced, announce: (n: string, v: string) => void announced.push([n, v]) };
}

Deno.test("first run generates the three secrets, saves them and announces each once", async () => {
  await withDataDir(async (dir) => {
    const r = recorder();
    const config = await resolveSecrets(parseConfig({ DATA_DIR: dir }), r.announce);
    assert.deepEqual(r.announced.map(([n]) => n).sort(), [
      "ADMIN_PASSWORD",
      "API_TOKEN",
      "INGEST_TOKEN",
    ]);
    for (const [name, value] of r.announced) {
      assert.equal(config[name as "API_TOKEN"], value);
      assert.ok(value.length >= 40, `${name} is long enough to be unguessable`);
    }
    assert.notEqual(config.INGEST_TOKEN, config.API_TOKEN);
    const saved = JSON.parse(await Deno.readTextFile(join(dir, "secrets.json")));
    assert.deepEqual(saved, {
      INGEST_TOKEN: config.INGEST_TOKEN,
      API_TOKEN: config.API_TOKEN,
      ADMIN_PASSWORD: config.ADMIN_PASSWORD,
    });
  });
});

Deno.test("the secrets file is readable by its owner only (mode 0600)", async () => {
  await withDataDir(async (dir) => {
    await resolveSecrets(parseConfig({ DATA_DIR: dir }), () => {});
    const info = await Deno.stat(join(dir, "secrets.json"));
    assert.equal((info.mode ?? 0) & 0o777, 0o600);
  });
});

Deno.test("a second run reuses the saved secrets and announces nothing", async () => {
  await withDataDir(async (dir) => {
    const env = parseConfig({ DATA_DIR: dir });
    const first = await resolveSecrets(env, () => {});
    const before = await Deno.readTextFile(join(dir, "secrets.json"));
    const r = recorder();
    const second = await resolveSecrets(env, r.announce);
    assert.deepEqual(r.announced, []);
    assert.equal(second.INGEST_TOKEN, first.INGEST_TOKEN);
    assert.equal(second.API_TOKEN, first.API_TOKEN);
    assert.equal(second.ADMIN_PASSWORD, first.ADMIN_PASSWORD);
    assert.equal(await Deno.readTextFile(join(dir, "secrets.json")), before);
  });
});

Deno.test("values from the environment win and are neither generated nor saved", async () => {
  await withDataDir(async (dir) => {
    const r = recorder();
    const config = await resolveSecrets(
      parseConfig({ DATA_DIR: dir, INGEST_TOKEN: "from-env-ingest", ADMIN_PASSWORD: "pw-env" }),
      r.announce,
    );
    assert.equal(config.INGEST_TOKEN, "from-env-ingest");
    assert.equal(config.ADMIN_PASSWORD, "pw-env");
    assert.deepEqual(r.announced.map(([n]) => n), ["API_TOKEN"]);
    const saved = JSON.parse(await Deno.readTextFile(join(dir, "secrets.json")));
    assert.deepEqual(Object.keys(saved), ["API_TOKEN"]);
  });
});

Deno.test("an env value overrides a saved one without touching the file", async () => {
  await withDataDir(async (dir) => {
    const saved = await resolveSecrets(parseConfig({ DATA_DIR: dir }), () => {});
    const r = recorder();
    const config = await resolveSecrets(
      parseConfig({ DATA_DIR: dir, API_TOKEN: "override" }),
      r.announce,
    );
    assert.equal(config.API_TOKEN, "override");
    assert.equal(config.INGEST_TOKEN, saved.INGEST_TOKEN);
    assert.deepEqual(r.announced, []);
    const file = JSON.parse(await Deno.readTextFile(join(dir, "secrets.json")));
    assert.equal(file.API_TOKEN, saved.API_TOKEN);
  });
});

Deno.test("only the missing secret is generated when the file has the others", async () => {
  await withDataDir(async (dir) => {
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(
      join(dir, "secrets.json"),
      JSON.stringify({ INGEST_TOKEN: "kept-i", API_TOKEN: "kept-a" }),
    );
    const r = recorder();
    const config = await resolveSecrets(parseConfig({ DATA_DIR: dir }), r.announce);
    assert.equal(config.INGEST_TOKEN, "kept-i");
    assert.equal(config.API_TOKEN, "kept-a");
    assert.deepEqual(r.announced.map(([n]) => n), ["ADMIN_PASSWORD"]);
    const file = JSON.parse(await Deno.readTextFile(join(dir, "secrets.json")));
    assert.deepEqual(file, {
      INGEST_TOKEN: "kept-i",
      API_TOKEN: "kept-a",
      ADMIN_PASSWORD: config.ADMIN_PASSWORD,
    });
  });
});

Deno.test("a corrupt secrets file is an error naming the file, not silently replaced", async () => {
  await withDataDir(async (dir) => {
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(join(dir, "secrets.json"), "{not json");
    await assert.rejects(
      () => resolveSecrets(parseConfig({ DATA_DIR: dir }), () => {}),
      /secrets\.json is unreadable/,
    );
    assert.equal(await Deno.readTextFile(join(dir, "secrets.json")), "{not json");
  });
});

Deno.test("randomToken is base64url of the requested length and differs each call", () => {
  const a = randomToken();
  assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  assert.match(randomToken(3), /^[A-Za-z0-9_-]{4}$/);
  assert.notEqual(randomToken(), a);
});

Deno.test("with MongoDB or S3 configured, no secret is generated: start-up names each missing one", async () => {
  await withDataDir(async (dir) => {
    for (const shared of [{ MONGODB_URI: "mongodb://127.0.0.1:1/" }, { S3_BUCKET: "b" }]) {
      const r = recorder();
      await assert.rejects(
        resolveSecrets(
          parseConfig({ DATA_DIR: dir, ...shared, API_TOKEN: "given-api" }),
          r.announce,
        ),
        (err: Error) => {
          assert.match(err.message, /INGEST_TOKEN: required when MONGODB_URI or S3_BUCKET is set/);
          assert.match(err.message, /ADMIN_PASSWORD: required/);
          assert.doesNotMatch(err.message, /API_TOKEN: required/);
          return true;
        },
      );
      assert.deepEqual(r.announced, []);
      const all = { INGEST_TOKEN: "i", API_TOKEN: "a", ADMIN_PASSWORD: "p" };
      const config = await resolveSecrets(
        parseConfig({ DATA_DIR: dir, ...shared, ...all }),
        r.announce,
      );
      assert.equal(config.INGEST_TOKEN, "i");
      assert.deepEqual(r.announced, []);
    }
    await assert.rejects(Deno.stat(join(dir, "secrets.json")), Deno.errors.NotFound);
  });
});
