import assert from "node:assert/strict";
import { startTestApp } from "../../test/support/app.ts";

Deno.test("readiness is open, answers 200 while store and blobs answer, and 503 + Retry-After when the store is gone", async () => {
  const app = await startTestApp();
  try {
    const ready = await fetch(`${app.url}/functions/v1/api/ready`);
    assert.equal(ready.status, 200);
    const body = await ready.json();
    assert.equal(body.ok, true);
    assert.equal(body.store.ok, true);
    assert.equal(body.blobs.ok, true);

    await app.ctx.store.close(); // the database goes away under a running product
    const down = await fetch(`${app.url}/functions/v1/api/ready`);
    assert.equal(down.status, 503);
    assert.equal(down.headers.get("retry-after"), "5");
    const why = await down.json();
    assert.equal(why.store.ok, false);
    assert.equal(why.blobs.ok, true);
    const live = await fetch(`${app.url}/functions/v1/api/health`);
    assert.equal(live.status, 200, "liveness does not depend on the store");
    await live.body?.cancel();
  } finally {
    await app.stop();
  }
});
