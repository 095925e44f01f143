import assert from "node:assert/strict";
import worker, { readAll } from "../../poller/email-worker.js";
import { sampleEmail, startTestApp } from "../support/app.ts";
import { ingestProxy } from "./support.ts";

/** A stand-in for Cloudflare's ForwardableEmailMessage: the raw bytes in chunks, and setReject. */
function fakeMessage(raw: string | Uint8Array, chunk = 1000) {
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const rejections: string[] = [];
  return {
    rejections,
    message: {
      from: "aida@example.test",
      to: "support@example.test",
      rawSize: bytes.length,
      raw: new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
          c.close();
        },
      }),
      setReject: (reason: string) => void rejections.push(reason),
    },
  };
}

Deno.test("readAll joins a chunked stream byte for byte", async () => {
  const bytes = crypto.getRandomValues(new Uint8Array(10_007));
  const { message } = fakeMessage(bytes, 333);
  assert.deepEqual(await readAll(message.raw), bytes);
});

Deno.test("the Email Worker forwards message.raw signed, and the product creates the complaint", async () => {
  const app = await startTestApp();
  try {
    const { message, rejections } = fakeMessage(sampleEmail({ messageId: "cf-1" }));
    const env = { INGEST_URL: `${app.url}/functions/v1/ingest`, INGEST_TOKEN: app.ingestToken };
    await worker.email(message, env, {});
    assert.deepEqual(rejections, []);
    const found = await app.ctx.store.findByMessageId("cf-1@example.test");
    assert.ok(found, "the complaint exists");
  } finally {
    await app.stop();
  }
});

Deno.test("the Email Worker rejects with ingest's reason on 413, and a wrong secret is not accepted", async () => {
  const app = await startTestApp({ INGEST_MAX_BYTES: "5000" });
  try {
    const env = { INGEST_URL: `${app.url}/functions/v1/ingest`, INGEST_TOKEN: app.ingestToken };
    const big = fakeMessage(sampleEmail({ body: "y".repeat(20_000) }));
    await worker.email(big.message, env, {});
    assert.equal(big.rejections.length, 1);
    assert.match(big.rejections[0], /413 payload_too_large/);

    const wrong = fakeMessage(sampleEmail());
    await assert.rejects(
      worker.email(wrong.message, { ...env, INGEST_TOKEN: "not-it" }, {}),
      /401/,
    );
    assert.deepEqual(wrong.rejections, []);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 1 })).total, 0);
  } finally {
    await app.stop();
  }
});

Deno.test("the Email Worker throws on 503 so Cloudflare retries, and the retry gets through", async () => {
  const app = await startTestApp();
  const proxy = ingestProxy(app.url);
  try {
    proxy.state.failNext = 1;
    const env = { INGEST_URL: `${proxy.url}/functions/v1/ingest`, INGEST_TOKEN: app.ingestToken };
    const raw = sampleEmail({ messageId: "cf-retry" });
    const first = fakeMessage(raw);
    await assert.rejects(worker.email(first.message, env, {}), /503/);
    assert.deepEqual(first.rejections, []);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 1 })).total, 0);
    const again = fakeMessage(raw);
    await worker.email(again.message, env, {});
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 1 })).total, 1);
  } finally {
    await proxy.stop();
    await app.stop();
  }
});
