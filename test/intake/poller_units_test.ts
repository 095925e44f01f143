import assert from "node:assert/strict";
import { ConfigError, readConfig } from "../../poller/src/config.js";
import { backoffMs, sleep } from "../../poller/src/backoff.js";
import { advance, loadCheckpoint, saveCheckpoint } from "../../poller/src/checkpoint.js";
import { classifyStatus, deliver } from "../../poller/src/deliver.js";
import { signatureHeaders as pollerSignature } from "../../poller/src/sign.js";
import { authenticateIngest } from "../../lib/http/signature.ts";

const minimal = {
  IMAP_HOST: "imap.example.com",
  IMAP_USER: "support@example.com",
  IMAP_PASSWORD: "pw",
  INGEST_URL: "https://triage.example.com/functions/v1/ingest/",
  INGEST_TOKEN: "tok",
};

Deno.test("poller config: defaults for implicit TLS, INBOX, Processed, Rejected and the heartbeat URL", () => {
  const c = readConfig(minimal);
  assert.equal(c.port, 993);
  assert.equal(c.tls, "tls");
  assert.equal(c.mailbox, "INBOX");
  assert.equal(c.processedMailbox, "Processed");
  assert.equal(c.rejectedMailbox, "Rejected");
  assert.equal(c.ingestUrl, "https://triage.example.com/functions/v1/ingest");
  assert.equal(c.heartbeatUrl, "https://triage.example.com/functions/v1/ingest/heartbeat");
  assert.equal(readConfig({ ...minimal, IMAP_TLS: "starttls" }).port, 143);
  assert.equal(readConfig({ ...minimal, IMAP_TLS: "none", IMAP_PORT: "1143" }).port, 1143);
});

Deno.test("poller config: an access token alone is enough (XOAUTH2)", () => {
  const c = readConfig({ ...minimal, IMAP_PASSWORD: "", IMAP_ACCESS_TOKEN: "ya29.token" });
  assert.equal(c.password, undefined);
  assert.equal(c.accessToken, "ya29.token");
});

Deno.test("poller config: every bad or missing variable is named at once", () => {
  try {
    readConfig({
      IMAP_TLS: "ssl",
      IMAP_PORT: "70000",
      INGEST_URL: "ftp://x",
      CONCURRENCY: "0",
      IMAP_PROCESSED_MAILBOX: "INBOX",
    });
    assert.fail("expected a ConfigError");
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    const text = error.message;
    for (
      const name of [
        "IMAP_HOST",
        "IMAP_USER",
        "IMAP_PASSWORD or IMAP_ACCESS_TOKEN",
        "INGEST_TOKEN",
        "IMAP_TLS",
        "IMAP_PORT",
        "INGEST_URL",
        "CONCURRENCY",
        "IMAP_PROCESSED_MAILBOX",
      ]
    ) assert.ok(text.includes(name), `${name} in ${text}`);
  }
});

Deno.test("backoff grows exponentially, stays within [ceiling/2, ceiling] and is capped", () => {
  assert.equal(backoffMs(0, 1000, 60_000, () => 0), 500);
  assert.equal(backoffMs(0, 1000, 60_000, () => 0.999999), 1000);
  assert.equal(backoffMs(3, 1000, 60_000, () => 0), 4000);
  assert.equal(backoffMs(50, 1000, 60_000, () => 0.999999), 60_000);
  const spread = new Set(Array.from({ length: 50 }, () => backoffMs(4, 1000, 60_000)));
  assert.ok(spread.size > 10, "jitter spreads the delays");
  for (const d of spread) assert.ok(d >= 8000 && d <= 16_000, String(d));
});

Deno.test("sleep ends early when its signal aborts", async () => {
  const abort = new AbortController();
  const started = Date.now();
  setTimeout(() => abort.abort(), 20);
  await sleep(10_000, abort.signal);
  assert.ok(Date.now() - started < 1000);
});

Deno.test("checkpoint advances only past UIDs that are handled", () => {
  assert.equal(advance(4, [5, 6, 7], new Set()), 7);
  assert.equal(advance(4, [5, 6, 7], new Set([6])), 5);
  assert.equal(advance(4, [5, 6, 7], new Set([5])), 4);
  assert.equal(advance(4, [], new Set()), 4);
  assert.equal(advance(4, [9, 12], new Set([12])), 9);
});

Deno.test("checkpoint file round-trips, and a missing or corrupt one means start over", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/sub/checkpoint.json`;
    assert.deepEqual(await loadCheckpoint(file), { uidValidity: null, lastUid: 0 });
    await saveCheckpoint(file, { uidValidity: "1700000000", lastUid: 42 });
    assert.deepEqual(await loadCheckpoint(file), { uidValidity: "1700000000", lastUid: 42 });
    await Deno.writeTextFile(file, "{half");
    assert.deepEqual(await loadCheckpoint(file), { uidValidity: null, lastUid: 0 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the poller's signature is accepted by the product's verifier, and only for its body", async () => {
  const body = new TextEncoder().encode("Subject: x\r\n\r\nhello");
  const headers = await pollerSignature("shared-secret", body);
  const auth = authenticateIngest(
    new Request("http://x/", { method: "POST", headers }),
    "shared-secret",
  );
  assert.equal(auth.method, "signature");
  await auth.verifyBody(body);
  await assert.rejects(auth.verifyBody(new TextEncoder().encode("Subject: y\r\n\r\nhello")));
});

Deno.test("statuses: 2xx accepted, 413/422 rejected for good, everything else retried", () => {
  for (const s of [200, 201, 202]) assert.equal(classifyStatus(s), "accepted");
  for (const s of [413, 422]) assert.equal(classifyStatus(s), "rejected");
  for (const s of [0, 400, 401, 404, 415, 429, 500, 502, 503]) {
    assert.equal(classifyStatus(s), "retry");
  }
});

Deno.test("deliver turns a refused connection into a retry with the network reason", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const result = await deliver({
    url: `http://127.0.0.1:${port}/functions/v1/ingest`,
    secret: "s",
    body: new Uint8Array([1]),
    timeoutMs: 2000,
  });
  assert.equal(result.outcome, "retry");
  assert.equal(result.status, 0);
  assert.match(result.reason, /^network:/);
});
