import assert from "node:assert/strict";
import { agentCreateSchema, agentPatchSchema, agentView } from "./agent.ts";

Deno.test("a new agent's email is trimmed and lowercased; role defaults to agent", () => {
  const parsed = agentCreateSchema.parse({
    email: "  Bea@Example.TEST ",
    name: " Bea ",
    password: "long enough password",
  });
  assert.equal(parsed.email, "bea@example.test");
  assert.equal(parsed.name, "Bea");
  assert.equal(parsed.role, "agent");
  assert.equal(parsed.team, "");
});

Deno.test("agent input refuses bad emails, short passwords, unknown roles and unknown fields", () => {
  const ok = { email: "a@example.test", name: "A", password: "0123456789" };
  assert.ok(agentCreateSchema.safeParse(ok).success);
  assert.ok(!agentCreateSchema.safeParse({ ...ok, email: "not an email" }).success);
  assert.ok(!agentCreateSchema.safeParse({ ...ok, password: "short" }).success);
  assert.ok(!agentCreateSchema.safeParse({ ...ok, role: "root" }).success);
  assert.ok(!agentCreateSchema.safeParse({ ...ok, name: "   " }).success);
  assert.ok(!agentCreateSchema.safeParse({ ...ok, passwordHash: "x" }).success);
  assert.ok(!agentPatchSchema.safeParse({ email: "b@example.test" }).success, "email is fixed");
  assert.ok(!agentPatchSchema.safeParse({ sessionEpoch: 0 }).success);
});

Deno.test("agentView drops the password hash and the session epoch", () => {
  const view = agentView({
    id: "a",
    email: "a@example.test",
    name: "A",
    role: "admin",
    team: "",
    active: true,
    passwordHash: "secret",
    sessionEpoch: 2,
    createdAt: "",
    updatedAt: "",
  });
  assert.ok(!("passwordHash" in view));
  assert.ok(!("sessionEpoch" in view));
  assert.equal(view.email, "a@example.test");
});
