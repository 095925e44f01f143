import assert from "node:assert/strict";
import { alertNew, dueAlerts, sendOnce, updateAlert } from "./notify.ts";
import { createLogger } from "../log.ts";
import { parseConfig } from "../config.ts";
import { openTempStore } from "../../test/support/store.ts";
import type { Alert, AlertRef, Notifier } from "../notify/port.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint } from "../schema/complaint.ts";

/** A notifier double at the port: records alerts, can be made to fail. */
class RecordingNotifier implements Notifier {
  readonly name = "recording";
  notifyIncident() {
    return Promise.resolve();
  }
  alerts: Alert[] = [];
  updates: { ref: AlertRef; acted: string }[] = [];
  fail = false;
  delayMs = 0;
  async notify(alert: Alert) {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.fail) throw new Error("telegram down");
    this.alerts.push(alert);
    return { ref: { chatId: "-100", messageId: this.alerts.length } };
  }
  update(ref: AlertRef, _alert: Alert, acted: string) {
    this.updates.push({ ref, acted });
    return Promise.resolve();
  }
}

async function setup(env: Record<string, string> = {}) {
  const temp = await openTempStore();
  const store = temp.store;
  const notifier = new RecordingNotifier();
  const lines: string[] = [];
  let clock = new Date("2026-09-07T10:00:00.000Z");
  const ctx = {
    store,
    notifier,
    log: createLogger("error", (l) => lines.push(l)),
    now: () => clock,
    config: parseConfig(env) as never,
  };
  const add = async (over: Partial<Complaint>) =>
    (await store.createComplaint(makeComplaint(over))).complaint;
  return {
    ctx,
    store,
    notifier,
    lines,
    add,
    advance: (ms: number) => void (clock = new Date(clock.getTime() + ms)),
    stop: temp.close,
  };
}

Deno.test("medium and above alert by default; TELEGRAM_MIN_PRIORITY raises the bar", async () => {
  const t = await setup();
  for (const priority of ["low", "medium", "high", "critical"] as const) {
    await alertNew(t.ctx, await t.add({ priority, escalationLevel: 2 }));
  }
  assert.deepEqual(t.notifier.alerts.map((a) => a.complaint.priority), [
    "medium",
    "high",
    "critical",
  ]);
  assert.equal(t.notifier.alerts[0].kind, "new");
  await t.stop();
  const strict = await setup({ TELEGRAM_MIN_PRIORITY: "critical" });
  await alertNew(strict.ctx, await strict.add({ priority: "high" }));
  await alertNew(strict.ctx, await strict.add({ priority: "critical" }));
  assert.deepEqual(strict.notifier.alerts.map((a) => a.complaint.priority), ["critical"]);
  await strict.stop();
});

Deno.test("an alert is sent once per complaint and level, however often it is asked", async () => {
  const t = await setup();
  const c = await t.add({ priority: "high", escalationLevel: 2 });
  t.notifier.delayMs = 20;
  const results = await Promise.all(Array.from({ length: 8 }, () => alertNew(t.ctx, c)));
  assert.equal(results.filter((r) => r === "sent").length, 1);
  assert.equal(await alertNew(t.ctx, c), "skipped");
  assert.equal(t.notifier.alerts.length, 1);
  const stored = (await t.store.getComplaint(c.id))!;
  assert.equal(stored.alerts?.length, 1);
  assert.deepEqual(
    { ...stored.alerts![0], at: "" },
    { kind: "new", level: 2, state: "sent", at: "", attempts: 1, messageId: 1, chatId: "-100" },
  );
  assert.equal(stored.history.filter((h) => h.action.startsWith("alert")).length, 0);
  // a different level is a different alert, and it follows up the first message
  assert.equal(await sendOnce(t.ctx, c.id, "escalation", 3), "sent");
  assert.deepEqual(t.notifier.alerts[1].replyTo, { chatId: "-100", messageId: 1 });
  await t.stop();
});

Deno.test("a failing notifier is recorded on the complaint and retried once due, never thrown", async () => {
  const t = await setup();
  const c = await t.add({ priority: "critical", escalationLevel: 3 });
  t.notifier.fail = true;
  assert.equal(await alertNew(t.ctx, c), "failed");
  let stored = (await t.store.getComplaint(c.id))!;
  assert.equal(stored.alerts![0].state, "failed");
  assert.equal(stored.alerts![0].lastError, "telegram down");
  assert.equal(stored.alertRetryAt, "2026-09-07T10:01:00.000Z");
  assert.ok(t.lines.some((l) => l.includes("notify_failed")));
  assert.deepEqual(dueAlerts(stored, new Date("2026-09-07T10:00:30Z")), []);
  t.notifier.fail = false;
  assert.equal(await alertNew(t.ctx, stored), "skipped", "not yet due");
  t.advance(60_000);
  assert.equal(dueAlerts(stored, t.ctx.now()).length, 1);
  assert.equal(await sendOnce(t.ctx, c.id, "new", 3), "sent");
  stored = (await t.store.getComplaint(c.id))!;
  assert.equal(stored.alerts![0].state, "sent");
  assert.equal(stored.alerts![0].attempts, 2);
  assert.equal(stored.alertRetryAt, undefined);
  assert.equal(t.notifier.alerts.length, 1);
  await t.stop();
});

Deno.test("closed complaints raise no new alert", async () => {
  const t = await setup();
  await alertNew(t.ctx, await t.add({ priority: "critical", status: "duplicate" }));
  assert.equal(t.notifier.alerts.length, 0);
  await t.stop();
});

Deno.test("updateAlert edits the first sent alert and does nothing without one", async () => {
  const t = await setup();
  const c = await t.add({ priority: "high" });
  await updateAlert(t.ctx, c, "nothing to edit");
  await alertNew(t.ctx, c);
  await updateAlert(t.ctx, (await t.store.getComplaint(c.id))!, "Taken by ann");
  assert.deepEqual(t.notifier.updates, [{
    ref: { chatId: "-100", messageId: 1 },
    acted: "Taken by ann",
  }]);
  await t.stop();
});
