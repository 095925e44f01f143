import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { LogNotifier } from "./log.ts";

function notifier() {
  const lines: string[] = [];
  return { lines, notifier: new LogNotifier(createLogger("debug", (l) => lines.push(l))) };
}

Deno.test("an alert is one log line with the complaint's id and priority", async () => {
  const { lines, notifier: n } = notifier();
  const c = makeComplaint({ priority: "critical", category: "quality", subject: "Smoke" });
  await n.notify({ complaint: c, kind: "new", level: 3 });
  assert.equal(lines.length, 1);
  const entry = JSON.parse(lines[0]);
  assert.equal(entry.event, "alert");
  assert.equal(entry.id, c.id);
  assert.equal(entry.priority, "critical");
  assert.equal(entry.category, "quality");
  assert.equal(entry.customer, c.customer.email);
  assert.equal(entry.kind, "new");
});

Deno.test("alerts are written even when the log level is warn", async () => {
  const lines: string[] = [];
  const n = new LogNotifier(createLogger("warn", (l) => lines.push(l)));
  await n.notify({ complaint: makeComplaint({ priority: "high" }), kind: "escalation", level: 2 });
  assert.equal(lines.length, 1);
});

Deno.test({
  name: "the alert line's level is warn and it still carries the escalation level",
  async fn() {
    const { lines, notifier: n } = notifier();
    await n.notify({ complaint: makeComplaint({ priority: "high" }), kind: "new", level: 2 });
    const entry = JSON.parse(lines[0]);
    assert.equal(entry.level, "warn");
    assert.equal(entry.escalationLevel, 2);
  },
});
