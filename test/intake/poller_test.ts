import assert from "node:assert/strict";
import { type DovecotServer, startDovecot } from "../harness/dovecot.ts";
import { findBinary, skipUnless } from "../harness/require.ts";
import { sampleEmail, startTestApp, type TestApp } from "../support/app.ts";
import {
  ensurePollerInstalled,
  imapAdmin,
  ingestProxy,
  nodeBinary,
  pollerEnv,
  type PollerProcess,
  startPoller,
  tcpProxy,
  waitUntil,
} from "./support.ts";

const ignore = skipUnless("dovecot", !!findBinary("dovecot", ["/usr/sbin/dovecot"])) ||
  skipUnless("node", !!nodeBinary);

interface World {
  imap: DovecotServer;
  app: TestApp;
  admin: Awaited<ReturnType<typeof imapAdmin>>;
  dir: string;
  ingestUrl: string;
  complaints(): Promise<number>;
}

/** Dovecot + the product + an IMAP admin client, torn down after `fn` whatever happens. */
function withWorld(
  name: string,
  fn: (w: World, started: PollerProcess[]) => Promise<void>,
  appEnv: Record<string, string> = {},
) {
  Deno.test({
    name,
    ignore,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      await ensurePollerInstalled();
      const imap = await startDovecot();
      const app = await startTestApp(appEnv);
      const admin = await imapAdmin(imap);
      const dir = await Deno.makeTempDir({ prefix: "poller-test-" });
      const started: PollerProcess[] = [];
      try {
        await fn({
          imap,
          app,
          admin,
          dir,
          ingestUrl: `${app.url}/functions/v1/ingest`,
          complaints: async () => (await app.ctx.store.listComplaints({ page: 1, limit: 1 })).total,
        }, started);
      } finally {
        for (const p of started) p.kill("SIGKILL");
        await Promise.all(started.map((p) => p.exited));
        await admin.close();
        await app.stop();
        await imap.stop();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

const mail = (id: string, body = "My parcel arrived broken and nobody answers.") =>
  sampleEmail({ messageId: id, subject: `Broken parcel ${id}`, body });

withWorld(
  "mail appended before start and during IDLE is ingested once, marked seen and moved; IDLE delivers within 2 s",
  async (w, started) => {
    for (const id of ["pre-1", "pre-2", "pre-3"]) await w.admin.append(mail(id));
    const poller = startPoller(pollerEnv(w.imap, w.ingestUrl, w.app.ingestToken, w.dir));
    started.push(poller);
    await waitUntil(
      "3 complaints",
      async () => (await w.complaints()) === 3,
      20_000,
      poller.output,
    );
    // Let the poller settle into IDLE; the 60 s poll interval rules out polling as the way in.
    await new Promise((r) => setTimeout(r, 1000));
    const from = poller.lines.length;
    const appendedAt = Date.now();
    await w.admin.append(mail("idle-1"));
    const delivered = await poller.waitFor((l) => l.event === "delivered", 10_000, from);
    const latency = Date.parse(delivered.at) - appendedAt;
    assert.ok(latency < 2000, `pushed mail took ${latency} ms`);
    await waitUntil("4 complaints", async () => (await w.complaints()) === 4);
    await waitUntil("INBOX empty", async () => (await w.admin.count("INBOX")) === 0);
    const processed = await w.admin.list("Processed");
    assert.deepEqual(
      processed.map((m) => m.messageId).sort(),
      [
        "<idle-1@example.test>",
        "<pre-1@example.test>",
        "<pre-2@example.test>",
        "<pre-3@example.test>",
      ],
    );
    assert.ok(processed.every((m) => m.seen), "every processed message is \\Seen");
    assert.equal(await w.admin.count("Rejected"), 0);
    const checkpoint = JSON.parse(await Deno.readTextFile(`${w.dir}/checkpoint.json`));
    assert.equal(checkpoint.lastUid, 4);
  },
);

withWorld(
  "ingest answering 503 for a while: every message retried, none lost, none doubled, status shows it",
  async (w, started) => {
    const proxy = ingestProxy(w.app.url);
    try {
      proxy.state.failNext = 5;
      const ids = ["outage-1", "outage-2", "outage-3"];
      for (const id of ids) await w.admin.append(mail(id));
      const poller = startPoller(
        pollerEnv(w.imap, `${proxy.url}/functions/v1/ingest`, w.app.ingestToken, w.dir, {
          POLLER_NAME: "outage-test",
        }),
      );
      started.push(poller);
      await waitUntil(
        "3 complaints",
        async () => (await w.complaints()) === 3,
        30_000,
        poller.output,
      );
      await waitUntil("INBOX empty", async () => (await w.admin.count("INBOX")) === 0);
      assert.equal(proxy.state.failed, 5);
      assert.ok(poller.lines.some((l) => l.event === "retry_scheduled" && l.status === 503));
      // Progress after each scan with work: the outage shows as retrying, the end as all done.
      // The scan logs its progress after its last move, so the line can trail the empty INBOX.
      const progressLines = () => poller.lines.filter((l) => l.event === "progress");
      const last = (await waitUntil(
        "the progress line of the scan that delivered the last message",
        () => progressLines().find((l) => Number(l.delivered) === 3),
        10_000,
        poller.output,
      ))!;
      assert.ok(progressLines().some((l) => Number(l.retrying) > 0), poller.output());
      assert.match(String(last.summary), /^8 fetched, 3 delivered, 0 retrying$/);
      assert.equal(progressLines().at(-1), last);
      assert.equal(await w.admin.count("Processed"), 3);
      assert.equal(await w.complaints(), 3);
      const processedEmails = await w.app.ctx.store.listProcessedEmails({ page: 1, limit: 10 });
      assert.equal(processedEmails.total, 3);

      const status = await waitUntil(
        "a heartbeat with the retries",
        async () => {
          const s = await (await w.app.api("/status")).json();
          const p = s.pollers.find((x: { name: string }) => x.name === "outage-test");
          return p?.counts.delivered === 3 ? s : null;
        },
        10_000,
        poller.output,
      );
      const p = status.pollers[0];
      assert.equal(p.connected, true);
      assert.equal(p.healthy, true);
      assert.ok(p.counts.retried >= 5, JSON.stringify(p.counts));
      assert.match(p.lastError.message, /503/);
      assert.ok(p.lastPollAt);
    } finally {
      await proxy.stop();
    }
  },
);

withWorld(
  "a poller killed mid-batch and restarted delivers the rest with no duplicate",
  async (w, started) => {
    const proxy = ingestProxy(w.app.url);
    try {
      proxy.state.delayMs = 150;
      const ids = Array.from({ length: 16 }, (_, i) => `batch-${i}`);
      for (const id of ids) {
        await w.admin.append(
          mail(id, `Order ORD-${1000 + ids.indexOf(id)} is late.`),
        );
      }
      const env = pollerEnv(w.imap, `${proxy.url}/functions/v1/ingest`, w.app.ingestToken, w.dir, {
        CONCURRENCY: "2",
      });
      const first = startPoller(env);
      started.push(first);
      await first.waitFor((l) => l.event === "delivered" && (l.delivered as number) >= 3);
      first.kill("SIGKILL");
      await first.exited;
      const before = await w.complaints();
      assert.ok(before < ids.length, `all ${before} delivered before the kill: no mid-batch`);

      const second = startPoller(env);
      started.push(second);
      await waitUntil(
        "16 complaints",
        async () => (await w.complaints()) === 16,
        30_000,
        second.output,
      );
      await waitUntil("INBOX empty", async () => (await w.admin.count("INBOX")) === 0);
      const processed = await w.admin.list("Processed");
      assert.equal(processed.length, 16, "each message is in Processed once");
      assert.equal(new Set(processed.map((m) => m.messageId)).size, 16);
      assert.equal(await w.complaints(), 16);
    } finally {
      await proxy.stop();
    }
  },
);

withWorld(
  "SIGTERM lets the in-flight post finish and be filed, then logs out and exits 0",
  async (w, started) => {
    const proxy = ingestProxy(w.app.url);
    try {
      proxy.state.delayMs = 1500;
      await w.admin.append(mail("term-1"));
      await w.admin.append(mail("term-2"));
      const poller = startPoller(
        pollerEnv(w.imap, `${proxy.url}/functions/v1/ingest`, w.app.ingestToken, w.dir, {
          CONCURRENCY: "1",
        }),
      );
      started.push(poller);
      await waitUntil(
        "the first post in flight",
        () => proxy.state.posts.size === 1,
        15_000,
        poller.output,
      );
      poller.kill("SIGTERM");
      const code = await Promise.race([
        poller.exited,
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error("no exit")), 15_000)),
      ]);
      assert.equal(code, 0, poller.output());
      const events = poller.lines.map((l) => l.event);
      assert.ok(events.indexOf("delivered") > events.indexOf("stopping"), events.join(","));
      assert.equal(events.at(-1), "stopped");
      assert.equal(await w.complaints(), 1);
      assert.equal(await w.admin.count("Processed"), 1);
      assert.equal(await w.admin.count("INBOX"), 1, "the second message waits for the next run");
    } finally {
      await proxy.stop();
    }
  },
);

withWorld("a cut IMAP connection is re-established and mail keeps flowing", async (w, started) => {
  const tcp = tcpProxy(w.imap.port);
  try {
    const poller = startPoller(
      pollerEnv({ ...w.imap, port: tcp.port }, w.ingestUrl, w.app.ingestToken, w.dir),
    );
    started.push(poller);
    await poller.waitFor((l) => l.event === "connected");
    await w.admin.append(mail("before-cut"));
    await waitUntil("1 complaint", async () => (await w.complaints()) === 1, 10_000, poller.output);
    const from = poller.lines.length;
    tcp.cut();
    await poller.waitFor((l) => l.event === "reconnecting", 10_000, from);
    const back = await poller.waitFor((l) => l.event === "connected", 15_000, from);
    assert.equal(back.reconnects, 1);
    await w.admin.append(mail("after-cut"));
    await waitUntil(
      "2 complaints",
      async () => (await w.complaints()) === 2,
      10_000,
      poller.output,
    );
    await waitUntil(
      "INBOX empty",
      async () => (await w.admin.count("INBOX")) === 0,
      20_000,
      poller.output,
    );
    assert.equal(await w.admin.count("Processed"), 2);
    assert.ok(tcp.accepted() >= 2);
  } finally {
    tcp.stop();
  }
});

withWorld(
  "a 30 MB message is moved to the rejected mailbox with the 413 reason logged",
  async (w, started) => {
    const line = "x".repeat(998) + "\r\n";
    const big = sampleEmail({
      messageId: "huge-1",
      body: line.repeat(Math.ceil(30e6 / line.length)),
    });
    await w.admin.append(big);
    await w.admin.append(mail("small-1"));
    const poller = startPoller(pollerEnv(w.imap, w.ingestUrl, w.app.ingestToken, w.dir));
    started.push(poller);
    const rejected = await poller.waitFor((l) => l.event === "rejected", 60_000);
    assert.equal(rejected.status, 413);
    assert.match(String(rejected.reason), /payload_too_large/);
    assert.ok((rejected.size as number) > 30e6);
    await waitUntil("1 complaint", async () => (await w.complaints()) === 1, 20_000, poller.output);
    await waitUntil("INBOX empty", async () => (await w.admin.count("INBOX")) === 0);
    const inRejected = await w.admin.list("Rejected");
    assert.deepEqual(inRejected.map((m) => m.messageId), ["<huge-1@example.test>"]);
    assert.equal(await w.admin.count("Processed"), 1);
  },
);
