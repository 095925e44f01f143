import assert from "node:assert/strict";
import { FlakyAnalyzer } from "../../test/support/flaky_analyzer.ts";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { reprocessComplaint } from "./reprocess.ts";

const quiet = createLogger("error", () => {});

Deno.test("reprocessing a failed complaint runs it now with a fresh budget and records who asked", async () => {
  const analyzer = new FlakyAnalyzer(1);
  const app = await startTestApp({}, { analyzer, log: quiet });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "rp-1" }))).json();
    const failed = (await app.ctx.store.getComplaint(id))!;
    assert.equal(failed.processing.state, "failed");
    assert.ok(failed.processing.nextAttemptAt! > app.ctx.now().toISOString(), "backing off");
    const done = await reprocessComplaint(app.ctx, app.ctx.pipeline, id, "agent@example.com");
    assert.equal(done.processing.state, "done");
    const asked = done.history.find((h) => h.action === "reprocess_requested");
    assert.equal(asked?.actor, "agent@example.com");
    assert.equal(asked?.details.lastError, "analyzer outage");
  } finally {
    await app.stop();
  }
});

Deno.test("reprocessing refuses unknown complaints (not_found) and processed ones (conflict)", async () => {
  const app = await startTestApp({}, { log: quiet });
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "rp-2" }))).json();
    const pipeline = app.ctx.pipeline;
    await assert.rejects(
      reprocessComplaint(app.ctx, pipeline, id, "a"),
      (e) => e instanceof ConflictError && e.code === "conflict",
    );
    await assert.rejects(
      reprocessComplaint(app.ctx, pipeline, "missing", "a"),
      (e) => e instanceof NotFoundError && e.code === "not_found",
    );
    assert.equal((await app.ctx.store.getComplaint(id))!.history.length, 1, "nothing recorded");
  } finally {
    await app.stop();
  }
});
