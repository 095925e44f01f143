/**
 * Crash resilience of the real product: `main.ts` is killed with SIGKILL in the middle of 2,000
 * posts (half answered synchronously, half with `Prefer: respond-async`), then started again on
 * the same DATA_DIR, and the sender posts what was not acknowledged (as a mailbox poller would).
 * Every acknowledged email must end up as exactly one finished complaint, and the claims the
 * crash left unprocessed must be finished by the restarted server on its own.
 */
import assert from "node:assert/strict";
import { SqliteStore } from "../../lib/store/sqlite.ts";
import { LocalBlobStore } from "../../lib/blobs/local.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { rawBlobKey } from "../../lib/pipeline/keys.ts";
import { sampleEmail } from "../support/app.ts";
import { until } from "../support/wait.ts";
import { type ProductServer, startProduct } from "./product_server.ts";

const TOTAL = 2_000;
const KILL_AFTER_ANSWERS = 800;
const CONCURRENCY = 16;
const SETTLE_MS = 60_000;
const REQUEST_MS = 30_000;
/** Lines of the one large mail the kill lands on (~2 MB: processing takes the best part of a second). */
const HEAVY_LINES = 40_000;
/**
 * A health check unanswered this long means the server's event loop is busy processing; once the
 * heavy mail's raw is stored, that is its processing (small mails take a few milliseconds).
 */
const BUSY_MS = 150;

interface Mail {
  index: number;
  messageId: string;
  raw: Uint8Array;
  async: boolean;
}

interface Ack {
  mail: Mail;
  /** 1: before the crash; 2: posted again, or for the first time, after the restart. */
  run: 1 | 2;
  status: number;
  /** The complaint id answered (201: the complaint; 202: the one it will become; 200: existing). */
  id: string;
  /** The processed-email key, from a 202 answer. */
  key?: string;
}

interface ProcessedEmailDoc {
  key: string;
  messageId?: string;
  outcome: string;
  complaintId?: string;
}

interface ComplaintDoc {
  id: string;
  messageId: string;
  ingestKey: string;
  processing: { state: string };
}

const BODIES = [
  "Hello, I paid {amount} for order ORD-{n} on 1 September and it still has not been delivered.",
  "Good day. The kettle from order {n} does not switch on at all. I want a replacement, please.",
  "My card was charged {amount} twice for order #A-{n}. Please refund the second charge.",
  "The courier marked order ORD-{n} as delivered but nothing came. Where is my parcel?",
  "I returned the jacket from order {n} three weeks ago and the refund of {amount} never came.",
];

function makeMails(run: string): Mail[] {
  return Array.from({ length: TOTAL }, (_, index) => {
    const n = String(200_000 + index);
    const messageId = `crash-${run}-${index}@example.test`;
    const body = BODIES[index % BODIES.length].replaceAll("{n}", n)
      .replaceAll("{amount}", `$${(10 + index % 90).toFixed(2)}`);
    const raw = sampleEmail({
      messageId: messageId.replace("@example.test", ""),
      from: `Customer ${index} <customer${index}@crash.example.test>`,
      subject: `Problem with order ${n} (${index % 7 === 0 ? "urgent" : "please help"})`,
      body,
    });
    return { index, messageId, raw: new TextEncoder().encode(raw), async: index % 2 === 1 };
  });
}

/**
 * One large async mail, posted when the kill is due: the server parses and analyses it for
 * longer than the kill takes to land, so the crash leaves at least its claim unprocessed (small
 * mails here are processed within milliseconds of their claim, which a kill rarely hits).
 */
function heavyMail(run: string): Mail {
  const words = ["parcel", "refund", "courier", "broken", "invoice", "delivery", "warehouse"];
  const body = Array.from(
    { length: HEAVY_LINES },
    (_, k) => `Line ${k}: the ${words[k % 7]} for order ${300_000 + k} is ${words[(k * 3) % 7]}.`,
  ).join("\n");
  const messageId = `crash-${run}-heavy@example.test`;
  const raw = sampleEmail({
    messageId: messageId.replace("@example.test", ""),
    from: "Heavy Customer <heavy@crash.example.test>",
    subject: "Everything that went wrong with my orders",
    body,
  });
  return { index: TOTAL, messageId, raw: new TextEncoder().encode(raw), async: true };
}

/** Run `fn` over `items` with at most `n` at once, until `stop()` says to quit. */
async function pool<T>(
  items: T[],
  n: number,
  fn: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (!stop() && next < items.length) await fn(items[next++]);
  }));
}

function ingest(server: ProductServer, token: string, mail: Mail): Promise<Response> {
  return fetch(`${server.url}/functions/v1/ingest`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "message/rfc822",
      ...(mail.async ? { prefer: "respond-async" } : {}),
    },
    body: mail.raw as Uint8Array<ArrayBuffer>,
    signal: AbortSignal.timeout(REQUEST_MS),
  });
}

async function api<T>(server: ProductServer, token: string, path: string): Promise<T> {
  const res = await fetch(`${server.url}/functions/v1/api${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(REQUEST_MS),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${body}`);
  return JSON.parse(body) as T;
}

/** Every item of a paged API list. */
async function listAll<T>(server: ProductServer, token: string, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1;; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const result = await api<{ items: T[]; total: number }>(
      server,
      token,
      `${path}${sep}limit=100&page=${page}`,
    );
    items.push(...result.items);
    if (result.items.length === 0 || items.length >= result.total) return items;
  }
}

/** Whether `server` leaves a health check unanswered for BUSY_MS (its event loop is busy). */
async function busy(server: ProductServer): Promise<boolean> {
  try {
    const res = await fetch(`${server.url}/functions/v1/api/health`, {
      signal: AbortSignal.timeout(BUSY_MS),
    });
    await res.body?.cancel();
    return false;
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") return true;
    throw error;
  }
}

/** Claims still `received` in the SQLite file of a stopped server. */
async function receivedInStore(path: string): Promise<number> {
  const store = new SqliteStore(path);
  await store.init();
  try {
    return (await store.listProcessedEmails({ outcome: "received", page: 1, limit: 1 })).total;
  } finally {
    await store.close();
  }
}

async function total(server: ProductServer, token: string, path: string): Promise<number> {
  return (await api<{ total: number }>(server, token, `${path}&limit=1`)).total;
}

Deno.test("a SIGKILL in the middle of 2,000 posts loses, doubles and strands no acknowledged email", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inbox-crash-" });
  const ingestToken = crypto.randomUUID();
  const apiToken = crypto.randomUUID();
  const env = {
    DATA_DIR: dir,
    LOG_LEVEL: "info", // the `listening` line is info
    INGEST_TOKEN: ingestToken,
    API_TOKEN: apiToken,
    ADMIN_PASSWORD: "crash test password",
    RETRY_INTERVAL_SECONDS: "1",
    RETRY_STUCK_AFTER_SECONDS: "2",
    RATE_LIMIT_INGEST_PER_MINUTE: "0",
    RATE_LIMIT_API_PER_MINUTE: "0",
  };
  const servers: ProductServer[] = [];
  try {
    const runId = crypto.randomUUID().slice(0, 8);
    const heavy = heavyMail(runId);
    const mails = [...makeMails(runId), heavy];
    const acks = new Map<string, Ack>();
    const unexpected: string[] = [];
    let cutOff = 0;

    /** Post `mail` to `server`; an answer is recorded as an ack, a dead connection is not. */
    const post = async (server: ProductServer, run: 1 | 2, mail: Mail) => {
      let res: Response;
      let body: { id?: string; processed?: string; existing?: boolean };
      try {
        res = await ingest(server, ingestToken, mail);
        body = await res.json();
      } catch {
        cutOff++; // the connection or the answer died with the server: not acknowledged
        return;
      }
      // Before the crash every mail is new; after it, one the crash had claimed is "existing".
      const fresh = res.status === (mail.async ? 202 : 201);
      const existing = run === 2 && res.status === 200 && body.existing === true;
      if (!(fresh || existing) || typeof body.id !== "string") {
        unexpected.push(`${mail.messageId} (run ${run}): ${res.status} ${JSON.stringify(body)}`);
        return;
      }
      const key = body.processed
        ? decodeURIComponent(body.processed.slice(body.processed.lastIndexOf("/") + 1))
        : undefined;
      acks.set(mail.messageId, { mail, run, status: res.status, id: body.id, key });
    };

    // Run 1: sync and async senders side by side, so both kinds are in flight at the kill. Once
    // KILL_AFTER_ANSWERS answers came back, the heavy mail is posted and the server is killed
    // while it is busy processing it; the senders keep posting until then.
    const first = await startProduct(env);
    servers.push(first);
    let killing: Promise<Deno.CommandStatus> | undefined;
    let dead = false;
    const blobs = new LocalBlobStore(`${dir}/blobs`);
    const crashWhileProcessing = async () => {
      const heavyPosted = post(first, 1, heavy);
      const rawKey = rawBlobKey(await sha256Hex(heavy.raw));
      await until(() => blobs.has(rawKey), 10_000, "the heavy mail's raw on disk");
      await until(() => busy(first), 10_000, "the server busy with the heavy mail");
      dead = true;
      const status = await first.kill();
      await heavyPosted;
      return status;
    };
    const postBeforeCrash = async (mail: Mail) => {
      await post(first, 1, mail);
      if (acks.size >= KILL_AFTER_ANSWERS) killing ??= crashWhileProcessing();
    };
    const small = mails.filter((m) => m !== heavy);
    await Promise.all([
      pool(small.filter((m) => !m.async), CONCURRENCY / 2, postBeforeCrash, () => dead),
      pool(small.filter((m) => m.async), CONCURRENCY / 2, postBeforeCrash, () => dead),
    ]);
    assert(killing, `the server was never killed: only ${acks.size} answers`);
    assert.equal((await killing).signal, "SIGKILL");
    assert.deepEqual(unexpected, [], "every answer before the crash is 201 (sync) or 202 (async)");
    const beforeCrash = [...acks.values()];
    const syncAcks = beforeCrash.filter((a) => a.status === 201).length;
    const asyncAcks = beforeCrash.filter((a) => a.status === 202).length;
    assert(syncAcks > 0 && asyncAcks > 0, `both kinds acknowledged: ${syncAcks}/${asyncAcks}`);
    const cutOffAtCrash = cutOff;

    // What the crash left: claims stored but not processed (read as the restart will find them).
    const leftReceived = await receivedInStore(`${dir}/complaints.db`);
    assert(leftReceived >= 1, "the crash left claims unprocessed for the restart to finish");

    // Run 2: same DATA_DIR. The sender posts everything not acknowledged while the retry job
    // takes up what the crash left `received`.
    const second = await startProduct(env);
    servers.push(second);
    const rest = mails.filter((m) => !acks.has(m.messageId));
    await pool(rest, CONCURRENCY, (mail) => post(second, 2, mail));
    assert.deepEqual(unexpected, [], "every answer after the restart is 201, 202 or 200 existing");
    assert.equal(acks.size, mails.length, "every mail is acknowledged in the end");

    const settleEnd = Date.now() + SETTLE_MS;
    for (;;) {
      const received = await total(second, apiToken, "/processed-emails?outcome=received");
      const pending = await total(second, apiToken, "/complaints?processing=pending");
      if (received === 0 && pending === 0) break;
      if (Date.now() > settleEnd) {
        throw new Error(
          `after ${SETTLE_MS} ms ${received} emails are still received and ${pending} complaints pending\n${
            second.output().slice(-4000)
          }`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const retried = second.output().split("\n").filter((l) => l.includes('"event":"retried"'))
      .reduce((sum, l) => sum + Number(JSON.parse(l).count ?? 0), 0);

    const processed = await listAll<ProcessedEmailDoc>(second, apiToken, "/processed-emails");
    const complaints = await listAll<ComplaintDoc>(second, apiToken, "/complaints");
    const processedByKey = new Map(processed.map((p) => [p.key, p]));
    const complaintById = new Map(complaints.map((c) => [c.id, c]));

    // Every acknowledged email has its complaint, finished, under the id it was answered with.
    const problems: string[] = [];
    for (const ack of acks.values()) {
      const mid = ack.mail.messageId;
      const what = `${mid} (run ${ack.run}, ${ack.status})`;
      const key = ack.key ?? `mid:${mid}`;
      const record = processedByKey.get(key);
      if (!record) {
        problems.push(`${what}: no processed-email record ${key}`);
        continue;
      }
      if (record.outcome !== "created" && record.outcome !== "duplicate") {
        problems.push(`${what}: outcome ${record.outcome}`);
      }
      if (record.complaintId !== ack.id) {
        problems.push(`${what}: answered ${ack.id}, record says ${record.complaintId}`);
      }
      const complaint = complaintById.get(ack.id);
      if (!complaint) {
        problems.push(`${what}: complaint ${ack.id} does not exist`);
        continue;
      }
      if (complaint.messageId !== mid) {
        problems.push(`${what}: ${ack.id} belongs to ${complaint.messageId}`);
      }
      if (complaint.processing.state !== "done") {
        problems.push(`${what}: ${ack.id} processing ${complaint.processing.state}`);
      }
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} acknowledged emails are wrong`);

    // No message has two complaints; every complaint is one of ours and its claim points at it.
    const ours = new Set(mails.map((m) => m.messageId));
    const perMessage = new Map<string, number>();
    for (const c of complaints) {
      const mid = c.messageId.split("#")[0];
      perMessage.set(mid, (perMessage.get(mid) ?? 0) + 1);
      assert(ours.has(mid), `complaint ${c.id} for an unknown message ${c.messageId}`);
      assert.equal(processedByKey.get(c.ingestKey)?.complaintId, c.id, `claim of ${c.id}`);
    }
    const doubled = [...perMessage].filter(([, n]) => n > 1);
    assert.deepEqual(doubled, [], "no Message-ID has two complaints");
    assert.equal(complaints.length, mails.length, "one complaint per mail");
    assert.equal(processed.length, mails.length, "one processed-email record per mail");

    // Nothing stuck anywhere.
    assert.deepEqual(processed.filter((p) => p.outcome === "received").map((p) => p.key), []);
    assert.deepEqual(
      complaints.filter((c) => c.processing.state === "pending").map((c) => c.id),
      [],
    );

    // A resend of any email is recognised: 200, the same complaint.
    const resent: string[] = [];
    await pool([...acks.values()], CONCURRENCY, async (ack) => {
      const res = await ingest(second, ingestToken, { ...ack.mail, async: false });
      const body = await res.json() as { id?: string; existing?: boolean };
      if (res.status !== 200 || body.id !== ack.id || body.existing !== true) {
        resent.push(`${ack.mail.messageId}: ${res.status} ${JSON.stringify(body)} (was ${ack.id})`);
      }
    });
    assert.deepEqual(resent.slice(0, 20), [], `${resent.length} resends were not recognised`);
    assert.equal(await total(second, apiToken, "/complaints?page=1"), complaints.length);

    const stopped = await second.stop();
    assert.equal(
      stopped.code,
      0,
      `graceful stop after the restart\n${second.output().slice(-2000)}`,
    );
    console.log(
      `killed after ${beforeCrash.length} answers (${syncAcks} sync, ${asyncAcks} async), ` +
        `${cutOffAtCrash} posts cut off, ${leftReceived} claims left unprocessed; after the ` +
        `restart ${rest.length} posted, ${retried} claims retried; ${complaints.length} complaints`,
    );
  } finally {
    for (const server of servers) await server.kill();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
