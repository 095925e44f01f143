import assert from "node:assert/strict";
import { alertNew } from "./notify.ts";
import { createLogger } from "../log.ts";
import type { Alert, Notifier } from "../notify/port.ts";
import { makeComplaint } from "../../test/support/complaints.ts";

class RecordingNotifier implements Notifier {
  readonly name = "recording";
  alerts: Alert[] = [];
  fail = false;
  notify(alert: Alert) {
    if (this.fail) return Promise.reject(new Error("telegram down"));
    this.alerts.push(alert);
    return Promise.resolve();
  }
}

Deno.test("high and critical complaints alert; medium and low do not", async () => {
  const notifier = new RecordingNotifier();
  const ctx = { notifier, log: createLogger("error", () => {}) };
  for (const priority of ["low", "medium", "high", "critical"] as const) {
    await alertNew(ctx as never, makeComplaint({ priority, escalationLevel: 2 }));
  }
  assert.deepEqual(notifier.alerts.map((a) => a.complaint.priority), ["high", "critical"]);
  assert.equal(notifier.alerts[0].kind, "new");
  assert.equal(notifier.alerts[0].level, 2);
});

Deno.test("a failing notifier is logged, never thrown", async () => {
  const notifier = new RecordingNotifier();
  notifier.fail = true;
  const lines: string[] = [];
  const ctx = { notifier, log: createLogger("error", (l) => lines.push(l)) };
  await alertNew(ctx as never, makeComplaint({ priority: "critical" }));
  assert.equal(lines.length, 1);
  assert.match(lines[0], /notify_failed/);
});
