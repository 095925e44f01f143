import assert from "node:assert/strict";
import { signatureHeaders } from "../http/signature.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { recordHeartbeat } from "./status.ts";

const enc = new TextEncoder();

function heartbeat(app: TestApp, doc: unknown, headers?: Record<string, string>) {
  return fetch(`${app.url}/functions/v1/ingest/heartbeat`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(headers ?? {
        authorization: `Bearer ${app.ingestToken}`,
      }),
    },
    body: JSON.stringify(doc),
  });
}

Deno.test("a signed heartbeat shows on GET /api/status with the product's own health", async () => {
  const app = await startTestApp();
  try {
    const doc = {
      name: "support-inbox",
      version: "1.2.3",
      mailbox: "INBOX",
      connected: true,
      lastPollAt: new Date().toISOString(),
      intervalSeconds: 30,
      counts: { fetched: 5, delivered: 4, rejected: 1, retried: 2, pending: 0, reconnects: 1 },
      lastError: { at: new Date().toISOString(), message: "ingest answered 503" },
    };
    const body = enc.encode(JSON.stringify(doc));
    const res = await fetch(`${app.url}/functions/v1/ingest/heartbeat`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...await signatureHeaders(app.ingestToken, body),
      },
      body,
    });
    assert.equal(res.status, 200, await res.clone().text());
    await res.body?.cancel();
    assert.equal((await app.ingest("From: a@b.c\r\nSubject: x\r\n\r\nhello")).status, 201);

    const status = await (await app.api("/status")).json();
    assert.equal(status.store, app.ctx.store.name);
    assert.equal(status.blobs, app.ctx.blobs.name);
    assert.equal(status.processed.created, 1);
    assert.equal(status.pollers.length, 1);
    const [poller] = status.pollers;
    assert.equal(poller.name, "support-inbox");
    assert.equal(poller.version, "1.2.3");
    assert.deepEqual(poller.counts, doc.counts);
    assert.equal(poller.lastError.message, "ingest answered 503");
    assert.equal(poller.healthy, true);
    assert.equal(status.ok, true);
  } finally {
    await app.stop();
  }
});

Deno.test("a replayed signed heartbeat is refused inside its window and cannot undo a newer one", async () => {
  const app = await startTestApp();
  try {
    const post = (body: Uint8Array, headers: Record<string, string>) =>
      fetch(`${app.url}/functions/v1/ingest/heartbeat`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: body as Uint8Array<ArrayBuffer>,
      });
    const now = Math.floor(Date.now() / 1000);
    const healthy = enc.encode(JSON.stringify({ connected: true, counts: { delivered: 1 } }));
    const captured = await signatureHeaders(app.ingestToken, healthy, now - 60);
    const first = await post(healthy, captured);
    assert.equal(first.status, 200);
    await first.body?.cancel();

    const down = enc.encode(JSON.stringify({ connected: false, counts: { delivered: 2 } }));
    const newer = await post(down, await signatureHeaders(app.ingestToken, down, now));
    assert.equal(newer.status, 200);
    await newer.body?.cancel();

    const replay = await post(healthy, captured);
    assert.equal(replay.status, 401);
    assert.equal((await replay.json()).error.code, "unauthorized");
    const status = await (await app.api("/status")).json();
    assert.equal(status.pollers[0].connected, false, "the replay did not restore 'connected'");
    assert.equal(status.pollers[0].counts.delivered, 2);
  } finally {
    await app.stop();
  }
});

Deno.test("a later heartbeat replaces the earlier one in the blob store", async () => {
  const app = await startTestApp();
  try {
    for (const delivered of [1, 2, 3]) {
      const res = await heartbeat(app, { connected: true, counts: { delivered } });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    const status = await (await app.api("/status")).json();
    assert.equal(status.pollers.length, 1);
    assert.equal(status.pollers[0].name, "poller");
    assert.equal(status.pollers[0].counts.delivered, 3);
    const again = await recordHeartbeat(
      app.ctx,
      enc.encode(JSON.stringify({ connected: true, counts: { delivered: 9 } })),
    );
    assert.equal(again.counts.delivered, 9);
    const stored = await app.ctx.blobs.get("status/poller/poller.json");
    assert.equal(JSON.parse(new TextDecoder().decode(stored!)).counts.delivered, 9);
  } finally {
    await app.stop();
  }
});

Deno.test("a stale or disconnected poller makes the status not ok", async () => {
  let now = new Date("2030-01-01T00:00:00Z");
  const app = await startTestApp({}, { now: () => now });
  try {
    await recordHeartbeat(
      app.ctx,
      enc.encode(JSON.stringify({ connected: true, intervalSeconds: 10 })),
    );
    assert.equal((await (await app.api("/status")).json()).ok, true);
    now = new Date(now.getTime() + 31_000);
    const late = await (await app.api("/status")).json();
    assert.equal(late.ok, false);
    assert.equal(late.pollers[0].healthy, false);
    await recordHeartbeat(app.ctx, enc.encode(JSON.stringify({ connected: false })));
    assert.equal((await (await app.api("/status")).json()).ok, false);
  } finally {
    await app.stop();
  }
});

Deno.test("heartbeat refuses no auth with 401, bad JSON with 400 and bad fields with 422", async () => {
  const app = await startTestApp();
  try {
    const unauth = await heartbeat(app, { connected: true }, {});
    assert.equal(unauth.status, 401);
    await unauth.body?.cancel();
    const badJson = await fetch(`${app.url}/functions/v1/ingest/heartbeat`, {
      method: "POST",
      headers: { authorization: `Bearer ${app.ingestToken}` },
      body: "{not json",
    });
    assert.equal(badJson.status, 400);
    await badJson.body?.cancel();
    for (const doc of [{ name: "../etc" }, { counts: { delivered: -1 } }, { connected: "yes" }]) {
      const res = await heartbeat(app, doc);
      assert.equal(res.status, 422, JSON.stringify(doc));
      await res.body?.cancel();
    }
    assert.equal((await (await app.api("/status")).json()).pollers.length, 0);
    const anon = await fetch(`${app.url}/functions/v1/api/status`);
    assert.equal(anon.status, 401);
    await anon.body?.cancel();
  } finally {
    await app.stop();
  }
});
