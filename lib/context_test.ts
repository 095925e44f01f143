import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { parseConfig } from "./config.ts";
import type { Config } from "./config.ts";
import { type AppContext, createContext } from "./context.ts";
import { resolveSecrets } from "./secrets.ts";
import { sharedStorageSecrets } from "../test/support/app.ts";
import { createLogger } from "./log.ts";
import { FallbackAnalyzer } from "./analyze/fallback.ts";
import { LocalAnalyzer } from "./analyze/local/analyzer.ts";
import { MemoryCache } from "./cache/memory.ts";
import type { S3BlobStore } from "./blobs/s3.ts";
import { startFerret } from "../test/harness/ferretdb.ts";
import { startS3rver } from "../test/harness/s3rver.ts";
import { findBinary, skipUnless } from "../test/harness/require.ts";
import { makeComplaint } from "../test/support/complaints.ts";

/** Config as main.ts builds it (parse, then secrets) in a fresh temp DATA_DIR. */
async function configFor(env: Record<string, string> = {}): Promise<Config> {
  const dir = await Deno.makeTempDir({ prefix: "context-test-" });
  return await resolveSecrets(
    parseConfig({ DATA_DIR: dir, LOG_LEVEL: "error", ...sharedStorageSecrets(env), ...env }),
    () => {},
  );
}

async function dispose(ctx: AppContext): Promise<void> {
  await ctx.store.close();
  (ctx.blobs as Partial<S3BlobStore>).close?.();
  await Deno.remove(ctx.config.DATA_DIR, { recursive: true });
}

interface Seen {
  method: string;
  path: string;
  headers: Headers;
}

/** A local HTTP server that records every request and answers `reply`. */
function recorder(reply: (req: Request) => Response) {
  const seen: Seen[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    await req.body?.cancel();
    seen.push({
      method: req.method,
      path: new URL(req.url).pathname,
      headers: new Headers(req.headers),
    });
    return reply(req);
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, seen, stop: () => server.shutdown() };
}

function sample() {
  return {
    subject: "Order ORD-1 never arrived",
    body: "I paid for order ORD-1 two weeks ago and nothing came. Please refund me.",
    attachmentsText: [],
    from: "a@example.test",
    receivedAt: "2026-09-07T10:00:00.000Z",
  };
}

Deno.test("with no optional variables: sqlite, local blobs, memory cache, local analyzer, log notifier", async () => {
  const ctx = await createContext(await configFor());
  try {
    assert.equal(ctx.store.name, "sqlite");
    assert.equal(ctx.blobs.name, "local");
    assert.equal(ctx.cache.name, "memory");
    assert.equal(ctx.analyzer.name, "local");
    assert.equal(ctx.notifier.name, "log");
    // The embedded adapters live under DATA_DIR and are initialised.
    assert.ok((await Deno.stat(`${ctx.config.DATA_DIR}/complaints.db`)).isFile);
    await ctx.blobs.put("raw/ab/abc.eml", new TextEncoder().encode("x"), "message/rfc822");
    assert.ok((await Deno.stat(`${ctx.config.DATA_DIR}/blobs`)).isDirectory);
    assert.equal(new TextDecoder().decode((await ctx.blobs.get("raw/ab/abc.eml"))!), "x");
    assert.equal(await ctx.store.getProcessedEmail("mid:none"), null);
    // The default clock is the real one.
    assert.ok(Math.abs(ctx.now().getTime() - Date.now()) < 5_000);
  } finally {
    await dispose(ctx);
  }
});

Deno.test("overrides replace the configured adapters and the clock", async () => {
  const cache = new MemoryCache();
  const fixed = new Date("2026-09-07T10:00:00.000Z");
  const ctx = await createContext(await configFor(), {
    cache,
    now: () => fixed,
    log: createLogger("error"),
  });
  try {
    assert.equal(ctx.cache, cache);
    assert.equal(ctx.now(), fixed);
  } finally {
    await dispose(ctx);
  }
});

Deno.test("TELEGRAM_BOT_TOKEN + TELEGRAM_CHAT_ID → telegram notifier, with no call made at construction", async () => {
  const api = recorder(() => Response.json({ ok: true, result: true }));
  const partial = await createContext(await configFor({ TELEGRAM_BOT_TOKEN: "1:abc" }));
  await dispose(partial);
  const ctx = await createContext(
    await configFor({
      TELEGRAM_BOT_TOKEN: "1:abc",
      TELEGRAM_CHAT_ID: "-100200",
      TELEGRAM_API_ROOT: api.url,
      TELEGRAM_WEBHOOK_SECRET: "hook-secret",
    }),
  );
  try {
    assert.equal(partial.notifier.name, "log", "a token without a chat id is not enough");
    assert.equal(ctx.notifier.name, "telegram");
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(api.seen.length, 0, "createContext must not call the Bot API");
  } finally {
    await dispose(ctx);
    await api.stop();
  }
});

Deno.test("ANTHROPIC_API_KEY → Claude wrapped in the local fallback, no call made at construction", async () => {
  // Every Claude call fails, so the fallback answers and records it.
  const api = recorder(() =>
    Response.json({ type: "error", error: { type: "api_error", message: "down" } }, {
      status: 500,
    })
  );
  const ctx = await createContext(
    await configFor({
      ANTHROPIC_API_KEY: "sk-test-key",
      ANTHROPIC_BASE_URL: api.url,
      CLAUDE_MAX_RETRIES: "0",
      CLAUDE_MODEL: "claude-test-model",
    }),
    { log: createLogger("error") },
  );
  try {
    assert.ok(ctx.analyzer instanceof FallbackAnalyzer);
    assert.equal(ctx.analyzer.name, "claude");
    assert.equal(ctx.analyzer.version, "claude-1:claude-test-model");
    assert.equal(api.seen.length, 0, "createContext must not call the Messages API");

    const result = await ctx.analyzer.analyze(sample());
    assert.ok(api.seen.length >= 1, "the configured base URL is used");
    const h = api.seen[0].headers;
    // This SDK version sends the key as a bearer token; older ones used x-api-key.
    assert.ok(
      h.get("authorization") === "Bearer sk-test-key" || h.get("x-api-key") === "sk-test-key",
      "the configured key is sent",
    );
    assert.match(api.seen[0].path, /\/v1\/messages$/);
    assert.equal(result.fallback?.from, "claude");
    assert.equal(result.analyzer, new LocalAnalyzer().name);
  } finally {
    await dispose(ctx);
    await api.stop();
  }
});

Deno.test("UPSTASH_REDIS_REST_URL + TOKEN → upstash cache on that URL; either alone → memory", async () => {
  const rest = recorder((req) =>
    // The client batches commands through /pipeline, which answers one result per command.
    new URL(req.url).pathname.startsWith("/pipeline")
      ? Response.json([{ result: null }])
      : Response.json({ result: null })
  );
  const onlyUrl = await createContext(await configFor({ UPSTASH_REDIS_REST_URL: rest.url }));
  await dispose(onlyUrl);
  const onlyToken = await createContext(await configFor({ UPSTASH_REDIS_REST_TOKEN: "t" }));
  await dispose(onlyToken);
  const ctx = await createContext(
    await configFor({ UPSTASH_REDIS_REST_URL: rest.url, UPSTASH_REDIS_REST_TOKEN: "rest-token" }),
  );
  try {
    assert.equal(onlyUrl.cache.name, "memory");
    assert.equal(onlyToken.cache.name, "memory");
    assert.equal(ctx.cache.name, "upstash");
    assert.equal(rest.seen.length, 0, "no request at construction");
    assert.equal(await ctx.cache.get("some-key"), null);
    assert.equal(rest.seen.length, 1);
    assert.equal(rest.seen[0].headers.get("authorization"), "Bearer rest-token");
  } finally {
    await dispose(ctx);
    await rest.stop();
  }
});

Deno.test({
  name: "MONGODB_URI → mongodb store, initialised (indexes created) on a real FerretDB",
  ignore: skipUnless("ferretdb", !!findBinary("ferretdb")),
  fn: async () => {
    const ferret = await startFerret();
    const dbName = `ctx_${crypto.randomUUID().replaceAll("-", "")}`;
    let ctx: AppContext | null = null;
    const mongo = new MongoClient(ferret.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      ctx = await createContext(await configFor({ MONGODB_URI: ferret.uri, MONGODB_DB: dbName }));
      assert.equal(ctx.store.name, "mongodb");
      assert.equal(ctx.blobs.name, "local");
      const indexes = await mongo.db(dbName).collection("complaints").listIndexes().toArray();
      assert.ok(indexes.some((i) => i.name === "messageId" && i.unique), "init ran on the server");
      const now = "2026-09-07T10:00:00.000Z";
      const { created } = await ctx.store.claimEmail({
        key: "mid:ctx-1@example.test",
        sha256: "abc",
        rawKey: "raw/ab/abc.eml",
        size: 1,
        from: "a@example.test",
        subject: "s",
        complaintId: "c1",
        outcome: "received",
        receivedAt: now,
        updatedAt: now,
      });
      assert.equal(created, true);
      const stored = await mongo.db(dbName).collection("processed_emails").countDocuments();
      assert.equal(stored, 1, "the claim went to FerretDB, not to SQLite");
      await assert.rejects(Deno.stat(`${ctx.config.DATA_DIR}/complaints.db`), Deno.errors.NotFound);
      // Counting on MongoDB reads every complaint: the context reuses a count for a few seconds.
      assert.equal((await ctx.store.stats()).total, 0);
      await ctx.store.createComplaint(makeComplaint());
      assert.equal((await ctx.store.stats()).total, 0, "the count from a moment ago");
    } finally {
      if (ctx) await dispose(ctx);
      await mongo.close();
      await ferret.stop();
    }
  },
});

Deno.test("S3_BUCKET + S3_ENDPOINT → s3 blobs on a real s3rver", async () => {
  const s3 = await startS3rver("ctx-bucket");
  let ctx: AppContext | null = null;
  try {
    ctx = await createContext(
      await configFor({
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: s3.region,
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        S3_PRESIGN_SECONDS: "90",
      }),
    );
    assert.equal(ctx.blobs.name, "s3");
    assert.equal(ctx.store.name, "sqlite");
    const bytes = new TextEncoder().encode("From: a@example.test\r\n\r\nhi\r\n");
    await ctx.blobs.put("raw/cd/cdef.eml", bytes, "message/rfc822");
    assert.deepEqual(await ctx.blobs.get("raw/cd/cdef.eml"), bytes);
    const listed = [];
    for await (const info of ctx.blobs.list("raw/")) listed.push(info.key);
    assert.deepEqual(listed, ["raw/cd/cdef.eml"]);
    const url = await ctx.blobs.presignedUrl("raw/cd/cdef.eml", "mail.eml");
    assert.ok(url?.startsWith(`${s3.endpoint}/${s3.bucket}/raw/cd/cdef.eml?`), url ?? "null");
    assert.match(url!, /X-Amz-Expires=90/);
    const res = await fetch(url!);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes);
    await assert.rejects(Deno.stat(`${ctx.config.DATA_DIR}/blobs`), Deno.errors.NotFound);
  } finally {
    if (ctx) await dispose(ctx);
    await s3.stop();
  }
});

Deno.test("the root owns the long-lived services: close() finishes background work, then closes the store, once", async () => {
  const config = await configFor();
  const app = await createContext(config, { log: createLogger("error", () => {}) });
  try {
    const raw = new TextEncoder().encode(
      "From: a@example.test\r\nSubject: Broken kettle\r\nMessage-ID: <root-1@x>\r\n\r\nIt broke.\r\n",
    );
    const accepted = await app.pipeline.ingest(raw, { async: true });
    assert.equal(accepted.kind, "accepted");
    await Promise.all([app.close(), app.close()]); // idempotent, and both wait
    // The background work finished before the store closed: reopen it and find the complaint.
    const again = await createContext(config, { log: createLogger("error", () => {}) });
    try {
      const c = await again.store.getComplaint((accepted as { id: string }).id);
      assert.equal(c?.processing.state, "done");
    } finally {
      await again.close();
    }
  } finally {
    await Deno.remove(config.DATA_DIR, { recursive: true });
  }
});

Deno.test("outbound mail goes through SMTP when SMTP_URL is set, else into the blob outbox", async () => {
  const plain = await createContext(await configFor());
  const smtp = await createContext(await configFor({ SMTP_URL: "smtp://127.0.0.1:2525" }));
  try {
    assert.equal(plain.mailer.name, "outbox");
    assert.equal(smtp.mailer.name, "smtp");
  } finally {
    for (const app of [plain, smtp]) {
      await app.close();
      await Deno.remove(app.config.DATA_DIR, { recursive: true });
    }
  }
});

Deno.test("SMTP_URL must be an smtp:// or smtps:// URL", () => {
  assert.throws(() => parseConfig({ SMTP_URL: "http://mail.example" }), /SMTP_URL/);
  assert.equal(
    parseConfig({ SMTP_URL: "smtps://u:p@mail.example:465" }).SMTP_URL,
    "smtps://u:p@mail.example:465",
  );
});
