import assert from "node:assert/strict";
import { parseConfig } from "./config.ts";
import { edgeFunction } from "./edge_function.ts";
import { createIngestApp } from "../functions/ingest/index.ts";
import { sampleEmail } from "../test/support/app.ts";

Deno.test("an edge function answers under /<name> (Supabase's path) and /functions/v1/<name>, and nothing else", async () => {
  const dir = await Deno.makeTempDir({ prefix: "edge-fn-" });
  const fn = await edgeFunction(
    "ingest",
    createIngestApp,
    parseConfig({ DATA_DIR: dir, LOG_LEVEL: "error", INGEST_TOKEN: "edge-token-0123456789abcdef" }),
  );
  try {
    const post = (path: string) =>
      fn.fetch(
        new Request(`http://edge.example${path}`, {
          method: "POST",
          headers: {
            authorization: "Bearer edge-token-0123456789abcdef",
            "content-type": "message/rfc822",
          },
          body: sampleEmail({ messageId: "edge-fn-1" }),
        }),
      );
    const first = await post("/ingest");
    assert.equal(first.status, 201);
    const { id } = await first.json();
    assert.ok(first.headers.get("x-request-id"), "request ids as in main.ts");
    assert.equal(first.headers.get("x-content-type-options"), "nosniff");
    const again = await post("/functions/v1/ingest");
    assert.equal(again.status, 200);
    assert.equal((await again.json()).id, id, "one app behind both paths");
    const elsewhere = await post("/api/complaints");
    assert.equal(elsewhere.status, 404);
    assert.equal((await elsewhere.json()).error.code, "not_found");
  } finally {
    await fn.app.close();
    await Deno.remove(dir, { recursive: true });
  }
});
