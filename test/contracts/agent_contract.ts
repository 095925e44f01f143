import assert from "node:assert/strict";
import type { ComplaintStore } from "../../lib/store/port.ts";
import type { Agent } from "../../lib/schema/agent.ts";
import { ConflictError } from "../../lib/errors.ts";
import { listQuerySchema } from "../../lib/schema/complaint.ts";
import { makeComplaint } from "../support/complaints.ts";

/** One contract step: runs `fn` on a fresh store (see `runStoreContract`). */
export type ContractStep = (
  name: string,
  fn: (s: ComplaintStore) => Promise<void>,
) => Promise<boolean>;

function makeAgent(overrides: Partial<Agent> = {}): Agent {
  const id = overrides.id ?? crypto.randomUUID();
  return {
    id,
    email: `${id}@example.test`,
    name: "Agent",
    role: "agent",
    team: "",
    active: true,
    passwordHash: "pbkdf2-sha256$1$AA==$AA==",
    sessionEpoch: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** The agents part of the store contract: every adapter runs these steps unchanged. */
export async function runAgentContract(step: ContractStep): Promise<void> {
  await step("agents: create, get by id and by email in any case, list by email", async (s) => {
    const b = makeAgent({ id: "b", email: "Bea@Example.TEST", name: "Bea <b>" });
    const a = makeAgent({ id: "a", email: "zed@example.test", role: "admin" });
    const created = await s.createAgent(b);
    assert.equal(created.email, "bea@example.test", "stored lowercased");
    await s.createAgent(a);
    assert.deepEqual(await s.getAgent("b"), { ...b, email: "bea@example.test" });
    assert.deepEqual(await s.getAgentByEmail("BEA@example.test"), created);
    assert.equal(await s.getAgent("nobody"), null);
    assert.equal(await s.getAgentByEmail("nobody@example.test"), null);
    assert.deepEqual((await s.listAgents()).map((x) => x.id), ["b", "a"]);
  });

  await step("agents: an email is unique whatever its case, also under a race", async (s) => {
    await s.createAgent(makeAgent({ email: "one@example.test" }));
    await assert.rejects(
      s.createAgent(makeAgent({ email: "ONE@example.test" })),
      (err) => err instanceof ConflictError,
    );
    const racers = await Promise.allSettled(
      Array.from({ length: 6 }, () => s.createAgent(makeAgent({ email: "two@example.test" }))),
    );
    assert.equal(racers.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of racers) {
      if (r.status === "rejected") assert.ok(r.reason instanceof ConflictError, String(r.reason));
    }
    assert.equal((await s.listAgents()).length, 2);
  });

  await step("agents: update changes allowed fields only; unknown id → null", async (s) => {
    const agent = await s.createAgent(makeAgent({ id: "u", email: "u@example.test" }));
    const updated = await s.updateAgent("u", {
      name: "New name",
      active: false,
      sessionEpoch: 3,
      passwordHash: "pbkdf2-sha256$2$AQ==$AQ==",
      updatedAt: "2026-02-01T00:00:00.000Z",
      // Not changeable: dropped by both adapters.
      ...({ email: "evil@example.test", id: "x" } as object),
    });
    const expected = {
      ...agent,
      name: "New name",
      active: false,
      sessionEpoch: 3,
      passwordHash: "pbkdf2-sha256$2$AQ==$AQ==",
      updatedAt: "2026-02-01T00:00:00.000Z",
    };
    assert.deepEqual(updated, expected);
    assert.deepEqual(await s.getAgent("u"), expected);
    assert.equal(await s.getAgentByEmail("evil@example.test"), null);
    assert.equal(await s.updateAgent("missing", { name: "x" }), null);
  });

  await step("list filters unassigned complaints, and by one assignee", async (s) => {
    await s.createComplaint(makeComplaint({ assignee: null }));
    await s.createComplaint(makeComplaint({ assignee: "ann@example.test" }));
    await s.createComplaint(makeComplaint({ assignee: "bob@example.test" }));
    const q = (input: Record<string, unknown>) => listQuerySchema.parse(input);
    const unassigned = await s.listComplaints(q({ unassigned: "true" }));
    assert.equal(unassigned.total, 1);
    assert.equal(unassigned.items[0].assignee, null);
    assert.equal((await s.listComplaints(q({ unassigned: "false" }))).total, 3);
    assert.equal((await s.listComplaints(q({ assignee: "ann@example.test" }))).total, 1);
    assert.equal(
      (await s.listComplaints(q({ assignee: "ann@example.test", unassigned: "true" }))).total,
      0,
    );
  });

  await step("list filters by team", async (s) => {
    await s.createComplaint(makeComplaint({ team: "logistics" }));
    await s.createComplaint(makeComplaint({ team: "billing" }));
    await s.createComplaint(makeComplaint({ team: "logistics", assignee: "ann@example.test" }));
    const q = (input: Record<string, unknown>) => listQuerySchema.parse(input);
    assert.equal((await s.listComplaints(q({ team: "logistics" }))).total, 2);
    assert.equal((await s.listComplaints(q({ team: "logistics", unassigned: "true" }))).total, 1);
    assert.equal((await s.listComplaints(q({ team: "nobody" }))).total, 0);
  });

  await step("sessions keep the agent id and epoch they were created with", async (s) => {
    const session = {
      id: "s-agent",
      email: "a@b.c",
      csrf: "x",
      createdAt: "2026-01-01T00:00:00.000Z",
      expiresAt: "2999-01-01T00:00:00.000Z",
      agentId: "a1",
      epoch: 4,
    };
    await s.createSession(session);
    assert.deepEqual(await s.getSession("s-agent"), session);
    await s.createSession({ ...session, epoch: 5 });
    assert.equal((await s.getSession("s-agent"))?.epoch, 5, "re-stamped in place");
  });
}
