import assert from "node:assert/strict";
import type { ContractStep } from "./agent_contract.ts";
import type { Incident } from "../../lib/schema/incident.ts";
import { listQuerySchema } from "../../lib/schema/complaint.ts";
import { makeComplaint } from "../support/complaints.ts";

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
    memberCount: 2,
    customerCount: 2,
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
      memberCount: 3,
      customerCount: 3,
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

  await step(
    "an incident's members are the complaints carrying its id: newest first, paged, by customer in any case",
    async (s) => {
      const at = (m: number) => `2026-05-01T10:0${m}:00.000Z`;
      const a1 = makeComplaint({ incidentId: "inc-m", receivedAt: at(1) });
      const b = makeComplaint({
        incidentId: "inc-m",
        receivedAt: at(2),
        customer: { email: "Boris@Example.test", name: "Boris" },
      });
      const a2 = makeComplaint({ incidentId: "inc-m", receivedAt: at(3) });
      const outside = makeComplaint({ receivedAt: at(4) });
      for (const c of [a1, b, a2, outside]) await s.createComplaint(c);
      const later = makeComplaint({ receivedAt: at(5) });
      await s.createComplaint(later);
      await s.updateComplaint(later.id, { incidentId: "inc-m" }, []);
      const q = (input: Record<string, unknown>) => listQuerySchema.parse(input);
      const all = await s.listComplaints(q({ incidentId: "inc-m" }));
      assert.deepEqual(all.items.map((c) => c.id), [later.id, a2.id, b.id, a1.id]);
      assert.equal(all.total, 4);
      const second = await s.listComplaints(q({ incidentId: "inc-m", limit: 3, page: 2 }));
      assert.deepEqual(second.items.map((c) => c.id), [a1.id]);
      const boris = await s.listComplaints(
        q({ incidentId: "inc-m", customer: "boris@example.TEST" }),
      );
      assert.deepEqual(boris.items.map((c) => c.id), [b.id]);
      assert.equal((await s.listComplaints(q({ incidentId: "inc-none" }))).total, 0);
    },
  );

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
