import assert from "node:assert/strict";
import { startFakeAnthropic } from "../fakes/anthropic.ts";
import { startFakeTelegram } from "../fakes/telegram.ts";
import { startFerret } from "../harness/ferretdb.ts";
import { startRedis } from "../harness/redis.ts";
import { findBinary, skipUnless } from "../harness/require.ts";
import { startS3rver } from "../harness/s3rver.ts";
import { startTcpProxy, type TcpProxy } from "../harness/tcp_proxy.ts";
import { startUpstashShim } from "../harness/upstash_shim.ts";
import { validAnalysis } from "../support/analysis.ts";
import { sampleEmail, startTestApp, type TestApp } from "../support/app.ts";
import { TOOL_NAME } from "../../lib/analyze/claude/prompt.ts";
import { startJobs } from "../../lib/jobs.ts";
import { createLogger } from "../../lib/log.ts";

/** The outside systems the product depends on, each reached through a proxy that can be cut. */
export type Dependency = "mongodb" | "s3" | "upstash" | "claude" | "telegram";

/** `ignore` for an outage test: it needs FerretDB and redis-server. */
export const outageSkip = skipUnless("ferretdb", !!findBinary("ferretdb")) ||
  skipUnless("redis-server", !!findBinary("redis-server"));

export interface OutageOptions {
  /** How long the dependency stays down (the issue's 30 s). */
  outageMs?: number;
  /** Mails posted, spread evenly over the burst, the outage in its middle. */
  mails?: number;
}

interface Answer {
  raw: string;
  messageId: string;
  status: number;
  body: Record<string, unknown>;
}

/**
 * Run the whole product on FerretDB + s3rver + Upstash (redis) + fake Claude + fake Telegram,
 * post a burst of mails (half `respond-async`) with `dependency` cut for `outageMs` in the middle,
 * then check the promise: every answer is 2xx or 503 + Retry-After (never a 500); a sender that
 * re-posts what got 503 after recovery (as the poller does) gets it accepted; and with only the
 * jobs running (the clock moved past every back-off) every accepted mail ends as a processed
 * complaint, alerted once — nothing acknowledged is lost, nobody had to help.
 */
export async function runOutage(dependency: Dependency, options: OutageOptions = {}) {
  const outageMs = options.outageMs ?? 30_000;
  const mails = options.mails ?? 40;
  const ferret = await startFerret();
  const s3 = await startS3rver("outage");
  const redis = await startRedis();
  const upstash = await startUpstashShim(redis.port, "outage-token");
  const claude = await startFakeAnthropic({
    // Each complaint names its own order, as Claude would read it from the mail.
    respond: (request) => ({
      toolUse: {
        name: TOOL_NAME,
        input: {
          ...validAnalysis,
          entities: {
            ...validAnalysis.entities,
            orderNumbers: JSON.stringify(request.body).match(/ORD-\d+/g)?.slice(0, 1) ?? [],
          },
        },
      },
    }),
  });
  const telegram = await startFakeTelegram();
  const proxies: Record<Dependency, TcpProxy> = {
    mongodb: startTcpProxy(ferret.port),
    s3: startTcpProxy(s3.port),
    upstash: startTcpProxy(upstash.port),
    claude: startTcpProxy(Number(new URL(claude.url).port)),
    telegram: startTcpProxy(Number(new URL(telegram.apiRoot).port)),
  };
  const clock = { offset: 0 };
  /** The events the product logged at warn and error (what it noticed of the outage). */
  const events: string[] = [];
  let app: TestApp | null = null;
  let jobs: ReturnType<typeof startJobs> | null = null;
  try {
    app = await startTestApp({
      MONGODB_URI: `mongodb://127.0.0.1:${proxies.mongodb.port}/`,
      MONGODB_DB: `outage_${dependency}`,
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: `http://127.0.0.1:${proxies.s3.port}`,
      S3_REGION: s3.region,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${proxies.upstash.port}`,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
      ANTHROPIC_API_KEY: claude.apiKey,
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${proxies.claude.port}`,
      CLAUDE_TIMEOUT_MS: "3000",
      CLAUDE_MAX_RETRIES: "0",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_CHAT_ID: "-100outage",
      TELEGRAM_API_ROOT: `http://127.0.0.1:${proxies.telegram.port}`,
      TELEGRAM_MIN_PRIORITY: "low",
      // The burst is one template from many customers: an incident would speak for it with one
      // alert. Here every complaint's own alert is the measure (incidents: lib/incidents/).
      INCIDENT_MIN_COMPLAINTS: "0",
      TELEGRAM_RETRY_MAX_SECONDS: "0",
      RETRY_INTERVAL_SECONDS: "1",
      ESCALATION_INTERVAL_SECONDS: "1",
      RETRY_STUCK_AFTER_SECONDS: "60",
      RATE_LIMIT_INGEST_PER_MINUTE: "0",
      RATE_LIMIT_API_PER_MINUTE: "0",
    }, {
      log: createLogger("warn", (line) => events.push(JSON.parse(line).event)),
      now: () => new Date(Date.now() + clock.offset),
    });
    const running = app;
    jobs = startJobs(app.ctx);

    const answers: Answer[] = [];
    const post = async (raw: string, messageId: string, async: boolean): Promise<Answer> => {
      let res: Response;
      try {
        res = await running.ingest(raw, async ? { prefer: "respond-async" } : {});
      } catch (err) {
        return { raw, messageId, status: 0, body: { error: String(err) } };
      }
      const body = await res.json().catch(() => ({}));
      if (res.status === 503) {
        assert.ok(res.headers.get("retry-after"), `503 without Retry-After for ${messageId}`);
      }
      return { raw, messageId, status: res.status, body };
    };
    const burstMs = outageMs + 16_000;
    const cutAt = 8_000;
    const start = Date.now();
    const cut = (async () => {
      await sleep(cutAt);
      proxies[dependency].cut();
      await sleep(outageMs);
      proxies[dependency].restore();
    })();
    const posts: Promise<void>[] = [];
    for (let i = 0; i < mails; i++) {
      await sleep(Math.max(0, start + (i * burstMs) / mails - Date.now()));
      const messageId = `outage-${dependency}-${i}`;
      const raw = sampleEmail({
        messageId,
        from: `Customer ${i} <c${i}@${dependency}.test>`,
        subject: `Problem ${i} with order ORD-${5000 + i}`,
        body: `Order ORD-${5000 + i}: item ${i} arrived ${
          ["broken", "late", "wrong", "open"][i % 4]
        }.`,
      });
      posts.push(
        post(raw, `${messageId}@example.test`, i % 2 === 1).then((a) => {
          answers.push(a);
        }),
      );
    }
    await Promise.all(posts);
    await cut;

    for (const a of answers) {
      assert.ok(
        (a.status >= 200 && a.status < 300) || a.status === 503,
        `${a.messageId}: ${a.status} ${JSON.stringify(a.body)} (only 2xx or 503 are allowed)`,
      );
    }
    // The sender retries what was refused, as the poller does, now that the outage is over.
    const refused = answers.filter((a) => a.status === 503);
    for (const a of refused) {
      const again = await post(a.raw, a.messageId, false);
      assert.ok(again.status >= 200 && again.status < 300, `${a.messageId}: ${again.status}`);
    }

    // Only the jobs work from here: move the clock past every back-off and wait.
    const store = running.ctx.store;
    const deadline = Date.now() + 60_000;
    let pending: string[] = [];
    for (;;) {
      clock.offset += 10 * 60_000;
      pending = [];
      for (const a of answers) {
        const complaint = await store.findByMessageId(a.messageId);
        const alerted = (complaint?.alerts ?? []).some((x) =>
          x.kind === "new" && x.state === "sent"
        );
        if (!complaint || complaint.processing.state !== "done" || !alerted) {
          pending.push(
            `${a.messageId}: ${complaint?.processing.state ?? "no complaint"}${
              complaint && !alerted
                ? ` (not alerted: ${complaint.history.map((h) => h.action)})`
                : ""
            }`,
          );
        }
      }
      if (pending.length === 0 || Date.now() > deadline) break;
      await sleep(1_000);
    }
    assert.deepEqual(pending, [], "every accepted mail ends as a processed, alerted complaint");
    for (const a of answers) {
      const complaint = (await store.findByMessageId(a.messageId))!;
      const sent = (complaint.alerts ?? []).filter((x) => x.kind === "new" && x.state === "sent");
      assert.equal(sent.length, 1, `${a.messageId}: one arrival alert`);
    }
    const stuck = await store.listProcessedEmails({ outcome: "received", page: 1, limit: 10 });
    assert.equal(stuck.total, 0, "no claim left unprocessed");
    const complaints = await Promise.all(
      answers.map(async (a) => (await store.findByMessageId(a.messageId))!),
    );
    return { answers, refused: refused.length, complaints, events };
  } finally {
    jobs?.stop();
    await jobs?.drain().catch(() => {});
    await app?.stop().catch(() => {});
    for (const p of Object.values(proxies)) await p.stop();
    await telegram.stop();
    await claude.stop();
    await upstash.stop();
    await redis.stop();
    await s3.stop();
    await ferret.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
