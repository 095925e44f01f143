import { join } from "node:path";
import { type Config, ConfigError, type EnvConfig } from "./config.ts";

const GENERATED = ["INGEST_TOKEN", "API_TOKEN", "ADMIN_PASSWORD"] as const;
type SecretName = typeof GENERATED[number];

/**
 * Fill unset tokens from `DATA_DIR/secrets.json`, generating and saving any that are missing.
 * With shared storage (MongoDB or S3 configured) nothing is generated: a missing one stops
 * start-up, naming it.
 * Newly generated values are reported through `announce` once (they are never printed again).
 */
export async function resolveSecrets(
  env: EnvConfig,
  announce: (name: string, value: string) => void = (n, v) =>
    console.log(`Generated ${n} (kept in ${join(env.DATA_DIR, "secrets.json")}): ${v}`),
): Promise<Config> {
  if (env.MONGODB_URI || env.S3_BUCKET) {
    // Shared storage means several instances (or ones without a lasting disk): secrets made
    // here would differ per instance, and a token that works on one would fail on another.
    const missing = GENERATED.filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map((name) =>
          `${name}: required when MONGODB_URI or S3_BUCKET is set (generated secrets would differ per instance)`
        ),
      );
    }
    return {
      ...env,
      INGEST_TOKEN: env.INGEST_TOKEN!,
      API_TOKEN: env.API_TOKEN!,
      ADMIN_PASSWORD: env.ADMIN_PASSWORD!,
    };
  }
  const path = join(env.DATA_DIR, "secrets.json");
  const saved = await readSaved(path);
  const fresh: Partial<Record<SecretName, string>> = {};
  for (const name of GENERATED) {
    if (!env[name] && !saved[name]) fresh[name] = randomToken();
  }
  if (Object.keys(fresh).length > 0) {
    await Deno.mkdir(env.DATA_DIR, { recursive: true });
    await Deno.writeTextFile(path, JSON.stringify({ ...saved, ...fresh }, null, 2), {
      mode: 0o600,
    });
    for (const [name, value] of Object.entries(fresh)) announce(name, value);
  }
  const pick = (name: SecretName) => env[name] ?? saved[name] ?? fresh[name]!;
  return {
    ...env,
    INGEST_TOKEN: pick("INGEST_TOKEN"),
    API_TOKEN: pick("API_TOKEN"),
    ADMIN_PASSWORD: pick("ADMIN_PASSWORD"),
  };
}

async function readSaved(path: string): Promise<Partial<Record<SecretName, string>>> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(path));
    const out: Partial<Record<SecretName, string>> = {};
    for (const name of GENERATED) if (typeof parsed[name] === "string") out[name] = parsed[name];
    return out;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return {};
    throw new Error(`${path} is unreadable: ${err instanceof Error ? err.message : err}`);
  }
}

/** 32 random bytes as base64url. */
export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buf)).replaceAll("+", "-").replaceAll("/", "_").replace(
    /=+$/,
    "",
  );
}
