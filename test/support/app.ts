import { parseConfig } from "../../lib/config.ts";
import { type App, type AppContext, createContext } from "../../lib/context.ts";
import { createApp } from "../../lib/app.ts";
import { randomToken, resolveSecrets } from "../../lib/secrets.ts";
import { createLogger } from "../../lib/log.ts";

export interface TestApp {
  url: string;
  ctx: App;
  ingestToken: string;
  apiToken: string;
  /** POST a raw email to the ingest function. */
  ingest(raw: Uint8Array | string, headers?: Record<string, string>): Promise<Response>;
  /** Call the API with the API token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The whole product on embedded defaults, served over real HTTP on 127.0.0.1 with a temp
 * DATA_DIR. `env` adds variables as the environment would; `overrides` swaps ports.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: Partial<AppContext> = {},
): Promise<TestApp> {
  const dir = await Deno.makeTempDir({ prefix: "inbox-triage-test-" });
  const config = await resolveSecrets(
    parseConfig({ DATA_DIR: dir, LOG_LEVEL: "error", ...sharedStorageSecrets(env), ...env }),
    () => {},
  );
  const ctx = await createContext(config, { log: createLogger("error"), ...overrides });
  const app = await createApp(ctx);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
  const url = `http://127.0.0.1:${server.addr.port}`;
  return {
    url,
    ctx,
    ingestToken: config.INGEST_TOKEN,
    apiToken: config.API_TOKEN,
    ingest: (raw, headers = {}) =>
      fetch(`${url}/functions/v1/ingest`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${config.INGEST_TOKEN}`,
          "content-type": "message/rfc822",
          ...headers,
        },
        body: typeof raw === "string"
          ? new TextEncoder().encode(raw)
          : raw as Uint8Array<ArrayBuffer>,
      }),
    api: (path, init = {}) =>
      fetch(`${url}/functions/v1/api${path}`, {
        ...init,
        headers: { authorization: `Bearer ${config.API_TOKEN}`, ...(init.headers ?? {}) },
      }),
    async stop() {
      ctx.events.close(); // open live streams would hold the shutdown
      await server.shutdown();
      await ctx.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/**
 * Secrets a deployment on shared storage must set itself (the product generates none there),
 * random per test app; none for the embedded defaults, which make their own.
 */
export function sharedStorageSecrets(env: Record<string, string>): Record<string, string> {
  if (!env.MONGODB_URI && !env.S3_BUCKET) return {};
  return { INGEST_TOKEN: randomToken(), API_TOKEN: randomToken(), ADMIN_PASSWORD: randomToken() };
}

/** Run `fn` with a fresh test app on embedded defaults, stopped after (whatever `fn` does). */
export async function withTestApp(fn: (app: TestApp) => Promise<void>): Promise<void> {
  const app = await startTestApp();
  try {
    await fn(app);
  } finally {
    await app.stop();
  }
}

/** A small well-formed email; override headers or body. */
export function sampleEmail(
  opts: {
    messageId?: string;
    from?: string;
    subject?: string;
    body?: string;
    extraHeaders?: string[];
  } = {},
): string {
  const lines = [
    `From: ${opts.from ?? "Aida Customer <aida@example.test>"}`,
    "To: support@example.test",
    `Subject: ${opts.subject ?? "My order ORD-12345 has not arrived"}`,
    "Date: Mon, 07 Sep 2026 10:00:00 +0500",
    ...(opts.messageId === ""
      ? []
      : [`Message-ID: <${opts.messageId ?? crypto.randomUUID()}@example.test>`]),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    ...(opts.extraHeaders ?? []),
    "",
    opts.body ??
      "Hello, I paid $49.99 for order ORD-12345 on 1 September and it still has not been delivered.",
    "",
  ];
  return lines.join("\r\n");
}
