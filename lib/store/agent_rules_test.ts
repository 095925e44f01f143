import assert from "node:assert/strict";
import { allowedAgentChanges, applyAgentUpdate } from "./agent_rules.ts";
import type { Agent } from "../schema/agent.ts";

const agent: Agent = {
  id: "a1",
  email: "b@example.test",
  name: "B",
  role: "agent",
  team: "",
  active: true,
  passwordHash: "h",
  sessionEpoch: 0,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

Deno.test("an agent update never changes id, email or createdAt", () => {
  const sneaky = { id: "x", email: "evil@example.test", createdAt: "1999", name: "C" };
  assert.deepEqual(allowedAgentChanges(sneaky as never), { name: "C" });
  const updated = applyAgentUpdate(agent, sneaky as never);
  assert.equal(updated.id, "a1");
  assert.equal(updated.email, "b@example.test");
  assert.equal(updated.createdAt, agent.createdAt);
  assert.equal(updated.name, "C");
});

Deno.test("an agent update applies false and zero values, skips undefined ones", () => {
  const updated = applyAgentUpdate(agent, { active: false, sessionEpoch: 0, name: undefined });
  assert.equal(updated.active, false);
  assert.equal(updated.name, "B");
  assert.notEqual(updated, agent, "a new object");
});
