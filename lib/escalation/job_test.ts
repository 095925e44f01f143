import assert from "node:assert/strict";
import { runEscalation } from "./job.ts";
import { createLogger } from "../log.ts";
import { parseConfig } from "../config.ts";
import { policyFromConfig } from "./policy.ts";
import { openTempStore } from "../../test/support/store.ts";
import type { Alert, Notifier } from "../notify/port.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { MongoStore } from "../store/mongo.ts";
import type { ComplaintStore } from "../store/port.ts";
import { startFerret } from "../../test/harness/ferretdb.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";

class RecordingNotifier implements Notifier {
  readonly name = "recording";
  notifyIncident() {
    return Promise.resolve();
  }
  alerts: Alert[] = [];
  notify(alert: Alert) {
    this.alerts.push(alert);
    return Promise.resolve({ ref: { chatId: "1", messageId: this.alerts.length } });
  }
}

async function setup(env: Record<string, string> = {}) {
  const temp = await openTempStore();
  const store = temp.store;
  const notifier = new RecordingNotifier();
  const clock = { now: new Date("2026-09-07T12:00:00.000Z") };
  const ctx = {
    store,
    notifier,
    log: createLogger("error", () => {}),
    now: () => clock.now,
    config: parseConfig(env) as never,
    policy: policyFromConfig(parseConfig(env)),
  };
  return {
    ctx,
    store,
    notifier,
    clock,
    stop: temp.close,
  };
}

Deno.test("only open complaints past their SLA escalate; on-time and closed ones are left", async () => {
  const t = await setup();
  const sla = (due: string) => ({ slaDueAt: due, slaWarnAt: due });
  const overdue = makeComplaint({
    priority: "high",
    escalationLevel: 2,
    ...sla("2026-09-07T11:00:00Z"),
  });
  const onTime = makeComplaint({
    priority: "high",
    escalationLevel: 2,
    ...sla("2026-09-07T13:00:00Z"),
  });
  const resolved = makeComplaint({
    priority: "high",
    escalationLevel: 2,
    status: "resolved",
    ...sla("2026-09-07T08:00:00Z"),
  });
  for (const c of [overdue, onTime, resolved]) await t.store.createComplaint(c);
  assert.deepEqual(await runEscalation(t.ctx), { escalated: 1, alerted: 1, retried: 0 });
  assert.deepEqual(await runEscalation(t.ctx), { escalated: 0, alerted: 0, retried: 0 });
  assert.equal((await t.store.getComplaint(overdue.id))!.escalationLevel, 3);
  assert.equal((await t.store.getComplaint(onTime.id))!.escalationLevel, 2);
  assert.equal((await t.store.getComplaint(resolved.id))!.escalationLevel, 2);
  assert.deepEqual(t.notifier.alerts.map((a) => [a.complaint.id, a.kind, a.level]), [
    [overdue.id, "escalation", 3],
  ]);
  await t.stop();
});

Deno.test("failed alerts are retried once due; those of closed complaints are dropped", async () => {
  const t = await setup();
  const failed = {
    kind: "new" as const,
    level: 2,
    state: "failed" as const,
    at: "2026-09-07T11:00:00Z",
    attempts: 1,
    nextAttemptAt: "2026-09-07T11:59:00.000Z",
  };
  const open = makeComplaint({ alerts: [failed], alertRetryAt: failed.nextAttemptAt });
  const closed = makeComplaint({
    status: "closed",
    alerts: [failed],
    alertRetryAt: failed.nextAttemptAt,
  });
  const later = makeComplaint({
    alerts: [{ ...failed, nextAttemptAt: "2026-09-07T12:30:00.000Z" }],
    alertRetryAt: "2026-09-07T12:30:00.000Z",
  });
  for (const c of [open, closed, later]) await t.store.createComplaint(c);
  assert.equal((await runEscalation(t.ctx)).retried, 1);
  assert.deepEqual(t.notifier.alerts.map((a) => a.complaint.id), [open.id]);
  assert.equal((await t.store.getComplaint(open.id))!.alerts![0].state, "sent");
  assert.equal((await t.store.getComplaint(closed.id))!.alertRetryAt, undefined);
  t.clock.now = new Date("2026-09-07T12:30:00.000Z");
  assert.equal((await runEscalation(t.ctx)).retried, 1);
  assert.deepEqual(t.notifier.alerts.map((a) => a.complaint.id), [open.id, later.id]);
  await t.stop();
});

/**
 * Six overdue complaints in `stores[0]`, then one job run per store at once (two instances when
 * the stores are separate clients of one database): each complaint escalates and alerts once.
 */
async function twoRunsAtOnce(stores: ComplaintStore[]): Promise<void> {
  const overdue = Array.from({ length: 6 }, () =>
    makeComplaint({
      priority: "high",
      escalationLevel: 2,
      slaDueAt: "2026-09-07T11:00:00Z",
      slaWarnAt: "2026-09-07T11:00:00Z",
    }));
  for (const c of overdue) await stores[0].createComplaint(c);
  const notifier = new RecordingNotifier();
  const run = (store: ComplaintStore) =>
    runEscalation({
      store,
      notifier,
      log: createLogger("error", () => {}),
      now: () => new Date("2026-09-07T12:00:00.000Z"),
      config: parseConfig({}) as never,
      policy: policyFromConfig(parseConfig({})),
    });
  const [a, b] = await Promise.all(stores.map(run));
  assert.equal(a.escalated + b.escalated, 6);
  assert.equal(notifier.alerts.length, 6);
  for (const c of overdue) {
    const after = (await stores[stores.length - 1].getComplaint(c.id))!;
    assert.equal(after.history.filter((h) => h.action === "escalated").length, 1, c.id);
  }
}

Deno.test("two job runs at once (two instances) escalate and alert each overdue complaint once", async () => {
  const t = await setup();
  try {
    await twoRunsAtOnce([t.store, t.store]);
  } finally {
    await t.stop();
  }
});

Deno.test({
  name:
    "two instances' job runs on one MongoDB (FerretDB), each with its own client, escalate each complaint once",
  ignore: skipUnless("ferretdb", !!findBinary("ferretdb")),
  fn: async () => {
    const ferret = await startFerret();
    const db = `escalation_${crypto.randomUUID().replaceAll("-", "")}`;
    const stores = [new MongoStore(ferret.uri, db), new MongoStore(ferret.uri, db)];
    try {
      for (const s of stores) await s.init();
      await twoRunsAtOnce(stores);
    } finally {
      for (const s of stores) await s.close();
      await ferret.stop();
    }
  },
});
