import assert from "node:assert/strict";
import type { ContractStep } from "./agent_contract.ts";
import type { Incident } from "../../lib/schema/incident.ts";

let n = 0;
function makeIncident(overrides: Partial<Incident> = {}): Incident {
  n++;
  const at = `2026-05-0${(n % 9) + 1}T10:00:00.000Z`;
  return {
    id: `inc-${n}-${crypto.randomUUID().slice(0, 8)}`,
    title: "payment page error",
    category: "technical",
    keywords: ["payment", "page", "error"],
    products: [],
    subcategories: ["website"],
    status: "open",
    memberIds: ["c1", "c2"],
    customers: ["a@example.test", "b@example.test"],
    firstAt: at,
    lastAt: at,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** The incidents' contract, for every store adapter. */
export async function runIncidentContract(step: ContractStep): Promise<void> {
  await step("an incident round-trips, and a save replaces it whole", async (s) => {
    const incident = makeIncident({
      alert: { state: "sent", at: "2026-05-01T10:00:00.000Z", chatId: "-100", messageId: 7 },
    });
    await s.createIncident(incident);
    assert.deepEqual(await s.getIncident(incident.id), incident);
    const joined = {
      ...incident,
      memberIds: [...incident.memberIds, "c3"],
      customers: [...incident.customers, "c@example.test"],
      lastAt: "2026-05-01T10:30:00.000Z",
    };
    await s.saveIncident(joined);
    assert.deepEqual(await s.getIncident(incident.id), joined);
    const resolved = { ...joined, status: "resolved" as const, note: "fixed", alert: undefined };
    delete resolved.alert;
    await s.saveIncident(resolved);
    assert.deepEqual(await s.getIncident(incident.id), resolved);
    assert.equal(await s.getIncident("nope"), null);
  });

  await step("incidents list newest first, by status, category and last arrival", async (s) => {
    const old = makeIncident({ lastAt: "2026-05-01T09:00:00.000Z" });
    const recent = makeIncident({ lastAt: "2026-05-01T11:00:00+01:00" }); // 10:00Z
    const billing = makeIncident({ category: "billing", lastAt: "2026-05-01T09:30:00.000Z" });
    const done = makeIncident({ status: "resolved", lastAt: "2026-05-01T12:00:00.000Z" });
    for (const i of [old, recent, billing, done]) await s.createIncident(i);
    const ids = (list: Incident[]) => list.map((i) => i.id);
    assert.deepEqual(ids(await s.listIncidents({ limit: 10 })), [
      done.id,
      recent.id,
      billing.id,
      old.id,
    ]);
    assert.deepEqual(ids(await s.listIncidents({ status: "open", limit: 10 })), [
      recent.id,
      billing.id,
      old.id,
    ]);
    assert.deepEqual(
      ids(await s.listIncidents({ status: "open", category: "technical", limit: 10 })),
      [recent.id, old.id],
    );
    assert.deepEqual(
      ids(await s.listIncidents({ lastSince: "2026-05-01T09:30:00Z", limit: 10 })),
      [done.id, recent.id, billing.id],
      "instants compared, not strings",
    );
    assert.deepEqual(ids(await s.listIncidents({ limit: 1 })), [done.id]);
  });
}
