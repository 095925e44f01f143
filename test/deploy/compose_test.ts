import assert from "node:assert/strict";
import { parse } from "yaml";
import { Ajv } from "ajv";
import { configSchema } from "../../lib/config.ts";

// The Compose Specification's JSON schema, as `docker compose` embeds it (compose-spec/compose-spec
// schema/compose-spec.json at 170098ba07d9f53c383a41bfd4c5166b0a4529a6): CI has no compose plugin.
import spec from "./compose-spec.json" with { type: "json" };

const ROOT = new URL("../../", import.meta.url);
const read = (path: string) => Deno.readTextFile(new URL(path, ROOT));

type Service = {
  image?: string;
  build?: unknown;
  restart?: string;
  profiles?: string[];
  user?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

/** Variables as `KEY=value` lines of an env file, commented-out ones (`# KEY=…`) included. */
function envFileKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) keys.set(m[1], m[2].split(/\s+#/)[0].trim());
  }
  return keys;
}

/**
 * Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}` (an
 * error when unset or empty), `$$` for a literal `$`. Throws as `docker compose` refuses.
 */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}/g,
    (whole, name?: string, op?: string, arg = "") => {
      if (whole === "$$") return "$";
      const value = env[name!];
      const unset = op?.startsWith(":") ? !value : value === undefined;
      if (op?.endsWith("?") && unset) throw new Error(`${name}: ${arg}`);
      if (op?.endsWith("-") && unset) return interpolate(arg, env);
      return value ?? "";
    },
  );
}

const composeText = await read("docker-compose.yml");
const raw = parse(composeText, { merge: true }) as Compose;
const example = envFileKeys(await read(".env.example"));
/** Interpolate every string of a parsed compose file, as compose does (after parsing the YAML). */
function interpolateModel<T>(node: T, env: Record<string, string>): T {
  if (typeof node === "string") return interpolate(node, env) as T;
  if (Array.isArray(node)) return node.map((n) => interpolateModel(n, env)) as T;
  if (node && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, interpolateModel(v, env)]),
    ) as T;
  }
  return node;
}

/** The stack as `.env.example` configures it: its set lines, the required secrets filled in. */
function configured(): Compose {
  const env: Record<string, string> = {};
  for (const [k, v] of example) {
    if (v) env[k] = v;
    else if (/PASSWORD$|TOKEN$/.test(k) && !k.startsWith("IMAP_")) env[k] = "x".repeat(24);
  }
  return interpolateModel(raw, env);
}

Deno.test("docker-compose.yml, interpolated as .env.example sets it, validates against the Compose Specification schema", () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const { $schema: _, ...schema } = spec as Record<string, unknown>;
  const validate = ajv.compile(schema);
  const model = configured();
  assert.ok(validate(model), JSON.stringify(validate.errors, null, 2));
  // And the checker can fail: a misspelt key is refused.
  const broken = structuredClone(model) as unknown as { services: Record<string, unknown> };
  (broken.services.app as Record<string, unknown>).healthchek = {};
  assert.equal(validate(broken), false);
});

Deno.test("docker compose refuses to start without the secrets, naming each", () => {
  for (
    const secret of [
      "INGEST_TOKEN",
      "API_TOKEN",
      "ADMIN_PASSWORD",
      "MONGO_APP_PASSWORD",
      "MONGO_ROOT_PASSWORD",
    ]
  ) {
    const env: Record<string, string> = {
      INGEST_TOKEN: "a".repeat(24),
      API_TOKEN: "b".repeat(24),
      ADMIN_PASSWORD: "c".repeat(24),
      MONGO_APP_PASSWORD: "d".repeat(24),
      MONGO_ROOT_PASSWORD: "e".repeat(24),
    };
    delete env[secret];
    assert.throws(() => interpolateModel(raw, env), new RegExp(`^Error: ${secret}:`));
  }
});

Deno.test("every image is pinned to a version and pullable (no latest, no minio), or built here", () => {
  for (const [name, svc] of Object.entries(raw.services)) {
    if (svc.build) continue;
    assert.ok(svc.image, `${name}: an image or a build`);
    const tag = /:([^/:@]+)$/.exec(svc.image!)?.[1];
    assert.ok(tag && tag !== "latest" && /\d/.test(tag), `${name}: ${svc.image} is not pinned`);
    assert.ok(!/^minio\//.test(svc.image!), `${name}: minio's images are gone from Docker Hub`);
  }
});

Deno.test("services start in order of health: every dependency waits on a healthcheck or a finished one-shot", () => {
  const oneShots = new Set<string>();
  for (const [name, svc] of Object.entries(raw.services)) {
    assert.ok(!Array.isArray(svc.depends_on), `${name}: depends_on with conditions`);
    for (const [dep, { condition }] of Object.entries(svc.depends_on ?? {})) {
      assert.ok(raw.services[dep], `${name} depends on unknown ${dep}`);
      if (condition === "service_completed_successfully") {
        oneShots.add(dep);
        continue;
      }
      assert.equal(condition, "service_healthy", `${name} → ${dep}`);
      assert.ok(raw.services[dep].healthcheck, `${dep}: a healthcheck, since ${name} waits on it`);
    }
  }
  for (const [name, svc] of Object.entries(raw.services)) {
    if (oneShots.has(name)) {
      assert.equal(svc.restart, undefined, `${name}: a one-shot is not restarted`);
    } else {
      assert.equal(svc.restart, "unless-stopped", `${name}: restarted after a crash or a reboot`);
    }
  }
  // The app itself is healthy only when /ready says the store and blobs answer.
  assert.match(JSON.stringify(raw.services.app.healthcheck), /\/functions\/v1\/api\/ready/);
});

Deno.test("MongoDB requires authentication, and the app connects as its own user", () => {
  const mongo = raw.services.mongo.environment!;
  assert.match(mongo.MONGO_INITDB_ROOT_PASSWORD, /^\$\{MONGO_ROOT_PASSWORD:\?/);
  const uri = configured().services.app.environment!.MONGODB_URI;
  const url = new URL(uri);
  assert.equal(url.protocol, "mongodb:");
  assert.ok(url.username && url.password, "credentials in MONGODB_URI");
  assert.notEqual(
    url.username,
    configured().services.mongo.environment!.MONGO_INITDB_ROOT_USERNAME,
  );
  assert.match(composeText, /role: "readWrite", db: process\.env\.MONGO_APP_DB/);
});

Deno.test("the app's environment names only variables the product reads, and downloads reach the host", () => {
  const known = new Set(Object.keys(configSchema.shape));
  const app = configured().services.app;
  for (const key of Object.keys(app.environment!)) {
    assert.ok(known.has(key), `${key}: not read by lib/config.ts`);
  }
  // Download links are signed for an endpoint the host's browser reaches: a published S3 port.
  const publicEndpoint = new URL(app.environment!.S3_PUBLIC_ENDPOINT);
  assert.equal(publicEndpoint.hostname, "localhost");
  const published = (configured().services.s3.ports ?? []).map((p) => p.split(":").at(-2));
  assert.ok(published.includes(publicEndpoint.port), `S3 published on ${publicEndpoint.port}`);
  assert.notEqual(app.environment!.S3_ENDPOINT, app.environment!.S3_PUBLIC_ENDPOINT);
});

Deno.test(".env.example lists every variable the product reads and every one the compose file uses", () => {
  for (const key of Object.keys(configSchema.shape)) assert.ok(example.has(key), `${key} missing`);
  for (const m of composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
    assert.ok(
      example.has(m[1]) || /^IMAP_|^POLLER_/.test(m[1]),
      `${m[1]} missing from .env.example`,
    );
  }
});

Deno.test("the README's configuration table documents every variable the product reads", async () => {
  const readme = await read("README.md");
  for (const key of Object.keys(configSchema.shape)) {
    assert.ok(readme.includes(`| \`${key}\``), `${key}: no row in the README's table`);
  }
});

Deno.test("the Dockerfiles: the README's Deno, a frozen lockfile, islands built, non-root; the poller on Node 22+", async () => {
  const readme = await read("README.md");
  const pin = /npx -y deno@(\d+\.\d+\.\d+) task start/.exec(readme)?.[1];
  assert.ok(pin, "the README pins Deno");
  const app = await read("Dockerfile");
  assert.match(app, new RegExp(`^FROM denoland/deno:[a-z]+-${pin.replaceAll(".", "\\.")}$`, "m"));
  assert.match(app, /deno install --frozen/);
  assert.match(app, /deno task build/);
  assert.match(app, /^USER deno$/m);
  const poller = await read("poller/Dockerfile");
  const node = /^FROM node:(\d+)\.\d+\.\d+/m.exec(poller)?.[1];
  assert.ok(node && Number(node) >= 22, "a Node LTS that is not end of life");
  assert.match(poller, /npm ci --omit=dev/);
  assert.match(poller, /^USER node$/m);
  assert.equal(raw.services.poller.profiles?.[0], "poller");
});

Deno.test("docker compose config accepts the file where the plugin exists", async (t) => {
  const probe = await new Deno.Command("docker", {
    args: ["compose", "version"],
    stdout: "null",
    stderr: "null",
  })
    .output().catch(() => null);
  if (!probe?.success) {
    await t.step({
      name: "skipped: no docker compose plugin here (the schema test above stands in)",
      ignore: true,
      fn: () => {},
    });
    return;
  }
  const env: Record<string, string> = { ...Deno.env.toObject() };
  for (
    const k of [
      "INGEST_TOKEN",
      "API_TOKEN",
      "ADMIN_PASSWORD",
      "MONGO_APP_PASSWORD",
      "MONGO_ROOT_PASSWORD",
    ]
  ) {
    env[k] = "x".repeat(24);
  }
  const out = await new Deno.Command("docker", {
    args: ["compose", "-f", new URL("docker-compose.yml", ROOT).pathname, "config", "-q"],
    env,
    clearEnv: true,
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
});
