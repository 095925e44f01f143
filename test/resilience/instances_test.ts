import assert from "node:assert/strict";
import { startFakeTelegram } from "../fakes/telegram.ts";
import { startFerret } from "../harness/ferretdb.ts";
import { startRedis } from "../harness/redis.ts";
import { findBinary, skipUnless } from "../harness/require.ts";
import { startS3rver } from "../harness/s3rver.ts";
import { startUpstashShim } from "../harness/upstash_shim.ts";
import { sampleEmail } from "../support/app.ts";
import type { Complaint } from "../../lib/schema/complaint.ts";
import { type ProductServer, startProduct } from "./product_server.ts";
import { MongoStore } from "../../lib/store/mongo.ts";

const FIRSTS = 450;
const AGAINS = 50;
const INGEST_TOKEN = "instances-ingest-token";
const API_TOKEN = "instances-api-token";

const PRODUCTS = ["blender", "kettle", "toaster", "vacuum", "headphones"];
const PROBLEMS = [
  ["arrived with a cracked jar and it leaks", "came cracked and leaking everywhere"],
  ["stopped working after two days", "died after just two days of use"],
  [
    "was never delivered although tracking says delivered",
    "never reached me, tracking claims delivered",
  ],
  ["was charged twice on my card", "appears twice on my card statement"],
];

/** One mail of the burst: `raw` is posted to both instances at once. */
interface Mail {
  raw: string;
  messageId: string;
  /** Index of the mail this one rewords (same customer and order): a near duplicate. */
  rewords?: number;
}

/** 500 distinct messages: 450 first mails and 50 rewordings of some of them by their senders. */
function burst(): Mail[] {
  const mails: Mail[] = [];
  for (let i = 0; i < FIRSTS; i++) {
    const product = PRODUCTS[i % PRODUCTS.length];
    const [problem] = PROBLEMS[i % PROBLEMS.length];
    const messageId = `first-${i}@example.test`;
    mails.push({
      messageId,
      raw: sampleEmail({
        messageId: messageId.replace("@example.test", ""),
        from: `Customer ${i} <c${i}@customer${i}.test>`,
        subject: `Order ORD-${70000 + i}: my ${product}`,
        body: `Hello, my ${product} from order ORD-${70000 + i} ${problem}. ` +
          `Please sort this out; customer number ${i}.`,
      }),
    });
  }
  for (let k = 0; k < AGAINS; k++) {
    const i = k * 9;
    const product = PRODUCTS[i % PRODUCTS.length];
    const [, reworded] = PROBLEMS[i % PROBLEMS.length];
    const messageId = `again-${i}@example.test`;
    mails.push({
      messageId,
      rewords: i,
      raw: sampleEmail({
        messageId: messageId.replace("@example.test", ""),
        from: `Customer ${i} <c${i}@customer${i}.test>`,
        subject: `Re: Order ORD-${70000 + i}: my ${product}`,
        body: `Hi again, the ${product} (order ORD-${70000 + i}) ${reworded}. ` +
          `Please sort this out; customer number ${i}.`,
      }),
    });
  }
  return mails;
}

/** Post `raw` until it is accepted (2xx); anything else must be a 503 with Retry-After. */
async function deliver(server: ProductServer, raw: string): Promise<Record<string, unknown>> {
  for (let attempt = 0;; attempt++) {
    const res = await fetch(`${server.url}/functions/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "message/rfc822" },
      body: raw,
    });
    const body = await res.json();
    if (res.ok) return body;
    assert.equal(res.status, 503, JSON.stringify(body));
    assert.ok(res.headers.get("retry-after"));
    assert.ok(attempt < 20, "still refused after 20 attempts");
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function listAll(store: MongoStore): Promise<Complaint[]> {
  const out: Complaint[] = [];
  for (let page = 1;; page++) {
    const { items } = await store.listComplaints({ page, limit: 100 });
    // The list leaves out the history; read each whole.
    for (const c of items) out.push((await store.getComplaint(c.id))!);
    if (items.length < 100) return out;
  }
}

Deno.test({
  name:
    "two instances on one MongoDB + S3 + Upstash, every message posted to both at once: one complaint per message, near duplicates caught across instances, one alert per complaint",
  ignore: skipUnless("ferretdb", !!findBinary("ferretdb")) ||
    skipUnless("redis-server", !!findBinary("redis-server")),
  fn: async () => {
    const ferret = await startFerret();
    const s3 = await startS3rver("instances");
    const redis = await startRedis();
    const upstash = await startUpstashShim(redis.port, "instances-upstash");
    const telegram = await startFakeTelegram();
    const env = {
      MONGODB_URI: ferret.uri,
      MONGODB_DB: "instances",
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: s3.region,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_CHAT_ID: "-100instances",
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_MIN_PRIORITY: "low",
      // The burst is one template from many customers: an incident would speak for it with one
      // alert. Here every complaint's own alert is the measure (incidents: lib/incidents/).
      INCIDENT_MIN_COMPLAINTS: "0",
      INGEST_TOKEN,
      API_TOKEN,
      ADMIN_PASSWORD: "instances-admin-password",
      RATE_LIMIT_INGEST_PER_MINUTE: "0",
      RATE_LIMIT_API_PER_MINUTE: "0",
      LOG_LEVEL: "info", // the `listening` line tells the port
    };
    const servers: ProductServer[] = [];
    try {
      servers.push(await startProduct(env), await startProduct(env));
      const [a, b] = servers;
      const mails = burst();
      let next = 0;
      const answers = new Map<string, Record<string, unknown>[]>();
      const worker = async () => {
        while (next < mails.length) {
          const mail = mails[next++];
          const both = await Promise.all([deliver(a, mail.raw), deliver(b, mail.raw)]);
          answers.set(mail.messageId, both);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));

      // Both instances answer one id per message.
      for (const [messageId, [x, y]] of answers) {
        assert.equal(x.id, y.id, `${messageId}: ${JSON.stringify([x, y])}`);
      }
      // Let both instances' jobs run a few times over everything.
      await new Promise((r) => setTimeout(r, 5_000));

      // Stop both (each drains its in-flight work), then read what they left in the store.
      for (const s of servers.splice(0)) await s.stop();
      const store = new MongoStore(ferret.uri, "instances");
      await store.init();
      const complaints = await listAll(store).finally(() => store.close());
      const byMessage = new Map<string, Complaint[]>();
      for (const c of complaints) {
        byMessage.set(c.messageId, [...(byMessage.get(c.messageId) ?? []), c]);
      }
      assert.equal(complaints.length, mails.length, "one complaint per message");
      for (const mail of mails) {
        assert.equal(byMessage.get(mail.messageId)?.length, 1, mail.messageId);
      }
      // Each rewording and its first mail: one is the other's duplicate, whichever came first.
      let caught = 0;
      for (const mail of mails.filter((m) => m.rewords !== undefined)) {
        const again = byMessage.get(mail.messageId)![0];
        const first = byMessage.get(mails[mail.rewords!].messageId)![0];
        if (again.duplicateOf === first.id || first.duplicateOf === again.id) caught++;
        assert.ok(!(again.duplicateOf && first.duplicateOf), `${mail.messageId}: both duplicates`);
      }
      assert.equal(caught, AGAINS, "every near duplicate is caught across instances");

      // One arrival alert per original complaint, none for duplicates; every Telegram message
      // sent is one recorded alert (nothing sent twice), and each level escalated once.
      let recorded = 0;
      for (const c of complaints) {
        const sent = (c.alerts ?? []).filter((x) => x.state === "sent");
        recorded += sent.length;
        const arrival = sent.filter((x) => x.kind === "new").length;
        assert.equal(arrival, c.duplicateOf ? 0 : 1, `${c.messageId}: arrival alerts`);
        const levels = c.history.filter((h) => h.action === "escalated").map((h) => h.details.to);
        assert.equal(new Set(levels).size, levels.length, `${c.messageId}: escalated twice`);
      }
      const messages = telegram.calls.filter((call) => call.method === "sendMessage").length;
      assert.equal(messages, recorded, "every Telegram message is one recorded alert");
    } finally {
      for (const s of servers) await s.stop();
      await telegram.stop();
      await upstash.stop();
      await redis.stop();
      await s3.stop();
      await ferret.stop();
    }
  },
});
