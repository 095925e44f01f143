import assert from "node:assert/strict";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import { until } from "../../test/support/wait.ts";
import { createLogger } from "../log.ts";
import type { Mailer, OutboundMail } from "../mail/port.ts";
import { sendReply } from "./reply.ts";
import { retryOutbound } from "./retry.ts";

/** A mail server that is down until `up` is set, recording what it accepted. */
class Switchable implements Mailer {
  readonly name = "switchable";
  up = false;
  accepted: OutboundMail[] = [];
  send(mail: OutboundMail) {
    if (!this.up) return Promise.reject(new Error("connect ECONNREFUSED"));
    this.accepted.push(mail);
    return Promise.resolve({ state: "sent" as const, detail: "250 ok" });
  }
  close() {
    return Promise.resolve();
  }
}

Deno.test("the retry skips a complaint whose lease another instance holds, and sends it once free", async () => {
  const mailer = new Switchable();
  const app = await startTestApp({}, { log: createLogger("error", () => {}), mailer });
  try {
    const res = await app.ingest(sampleEmail({ messageId: "lease-1" }));
    const { id } = await res.json();
    await until(async () => (await app.ctx.store.getComplaint(id))?.processing.state === "done");
    const failed = await sendReply(app.ctx, app.ctx.pipeline.locks, id, {
      text: "hi",
      by: "a@x.test",
    });
    assert.equal(failed.state, "failed");
    mailer.up = true;
    const later = new Date(Date.parse(failed.nextAttemptAt!) + 1000);
    app.ctx.now = () => later;
    assert.ok(await app.ctx.store.tryLease(`outbound:${id}`, "other-instance", 60_000));
    assert.equal(await retryOutbound(app.ctx, app.ctx.pipeline.locks), 0);
    assert.equal(mailer.accepted.length, 0);
    await app.ctx.store.releaseLease(`outbound:${id}`, "other-instance");
    assert.equal(await retryOutbound(app.ctx, app.ctx.pipeline.locks), 1);
    assert.deepEqual(mailer.accepted.map((m) => m.messageId), [failed.messageId]);
  } finally {
    await app.stop();
  }
});

Deno.test("after RETRY_MAX_ATTEMPTS a failed reply stays failed, shown, and is not retried", async () => {
  const mailer = new Switchable();
  const app = await startTestApp({ RETRY_MAX_ATTEMPTS: "2" }, {
    log: createLogger("error", () => {}),
    mailer,
  });
  try {
    const res = await app.ingest(sampleEmail({ messageId: "max-1" }));
    const { id } = await res.json();
    await until(async () => (await app.ctx.store.getComplaint(id))?.processing.state === "done");
    const first = await sendReply(app.ctx, app.ctx.pipeline.locks, id, {
      text: "hi",
      by: "a@x.test",
    });
    app.ctx.now = () => new Date(Date.parse(first.nextAttemptAt!) + 1000);
    assert.equal(await retryOutbound(app.ctx, app.ctx.pipeline.locks), 0);
    const c = (await app.ctx.store.getComplaint(id))!;
    const m = c.messages.find((x) => x.messageId === first.messageId)!;
    assert.equal(m.state, "failed");
    assert.equal(m.attempts, 2);
    assert.equal(m.nextAttemptAt, undefined);
    assert.equal(c.outboundRetryAt, undefined, "no longer listed for retries");
  } finally {
    await app.stop();
  }
});
