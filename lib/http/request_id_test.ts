import assert from "node:assert/strict";
import { Hono } from "hono";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import { createLogger } from "../log.ts";
import { currentRequestId, REQUEST_ID_HEADER, requestIdMiddleware } from "./request_id.ts";

Deno.test("every answer carries a request id; a caller's plain id is kept, anything else replaced", async () => {
  const app = new Hono();
  app.use("*", requestIdMiddleware());
  app.get("/", async (c) => {
    await new Promise((r) => setTimeout(r, 1)); // across an await, still the same id
    return c.text(currentRequestId() ?? "none");
  });
  const fresh = await app.request("/");
  const id = fresh.headers.get(REQUEST_ID_HEADER)!;
  assert.ok(id.length >= 8);
  assert.equal(await fresh.text(), id);
  const kept = await app.request("/", { headers: { [REQUEST_ID_HEADER]: "proxy-1234:abc" } });
  assert.equal(kept.headers.get(REQUEST_ID_HEADER), "proxy-1234:abc");
  await kept.body?.cancel();
  for (const bad of ["short", "x".repeat(200), '{"event":"forged"}']) {
    const res = await app.request("/", { headers: { [REQUEST_ID_HEADER]: bad } });
    assert.notEqual(res.headers.get(REQUEST_ID_HEADER), bad);
    await res.body?.cancel();
  }
  assert.equal(currentRequestId(), undefined, "none outside a request");
});

Deno.test("log lines and error answers of a request carry its id, background work included", async () => {
  const lines: Record<string, unknown>[] = [];
  const app = await startTestApp({}, {
    log: createLogger("info", (line) => lines.push(JSON.parse(line))),
  });
  try {
    const missing = await app.api("/complaints/nope");
    const body = await missing.json();
    assert.equal(missing.status, 404);
    assert.equal(body.error.requestId, missing.headers.get(REQUEST_ID_HEADER));

    // An auto-reply posted with respond-async is ignored in the background: its log line
    // still names the request that brought it.
    const res = await app.ingest(
      sampleEmail({ messageId: "rid-1", extraHeaders: ["Auto-Submitted: auto-replied"] }),
      { prefer: "respond-async", [REQUEST_ID_HEADER]: "ingest-req-0001" },
    );
    assert.equal(res.status, 202);
    await res.body?.cancel();
    await app.ctx.pipeline.drain();
    const ignored = lines.find((l) => l.event === "ignored");
    assert.equal(ignored?.requestId, "ingest-req-0001");
  } finally {
    await app.stop();
  }
});
