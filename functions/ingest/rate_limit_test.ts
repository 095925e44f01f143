import assert from "node:assert/strict";
import { signatureHeaders } from "../../lib/http/signature.ts";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";

/** Frozen 30 s into a minute: no window roll-over mid-test, and signatures match ingest's clock. */
const NOW = Date.UTC(2026, 8, 7, 10, 0, 30);

Deno.test("the ingest token's 3rd post in a minute gets 429 + Retry-After and is not stored; others still post", async () => {
  const app = await startTestApp({ RATE_LIMIT_INGEST_PER_MINUTE: "2" }, {
    now: () => new Date(NOW),
  });
  try {
    for (let i = 0; i < 2; i++) {
      const res = await app.ingest(sampleEmail({ subject: `Parcel ${i} lost` }));
      assert.equal(res.status, 201);
      await res.body?.cancel();
    }
    const limited = await app.ingest(sampleEmail({ subject: "Parcel 3 lost" }));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "30");
    assert.equal((await limited.json()).error.code, "rate_limited");
    const stats = await (await app.api("/stats")).json();
    assert.equal(stats.total, 2, "the refused message was not ingested");

    // A signed delivery (the poller's way) counts against the client address, not the token.
    const raw = new TextEncoder().encode(sampleEmail({ subject: "Signed parcel lost" }));
    const signed = await fetch(`${app.url}/functions/v1/ingest`, {
      method: "POST",
      headers: {
        "content-type": "message/rfc822",
        ...(await signatureHeaders(app.ingestToken, raw, Math.floor(NOW / 1000))),
      },
      body: raw,
    });
    assert.equal(signed.status, 201);
    await signed.body?.cancel();
  } finally {
    await app.stop();
  }
});
