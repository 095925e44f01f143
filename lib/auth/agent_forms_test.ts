import assert from "node:assert/strict";
import { submitAccountForm, submitAgentsForm } from "./agent_forms.ts";
import { createSession } from "./session.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { InvalidError, NotFoundError } from "../errors.ts";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

Deno.test("agents form: create, update and reset act on the store; bad forms are InvalidError", async () => {
  const t = await testContext();
  try {
    const notice = await submitAgentsForm(
      t.ctx,
      form({
        _action: "create",
        email: " Bea@Example.test ",
        name: "Bea",
        role: "agent",
        team: "logistics",
        password: "long enough 1",
      }),
    );
    assert.equal(notice, "Added bea@example.test.");
    const bea = await t.ctx.store.getAgentByEmail("bea@example.test");
    assert.equal(bea?.team, "logistics");
    await submitAgentsForm(
      t.ctx,
      form({ _action: "update", id: bea!.id, name: "Bea B", team: "" }),
    );
    const updated = await t.ctx.store.getAgent(bea!.id);
    assert.equal(updated?.name, "Bea B");
    assert.equal(updated?.team, "");
    assert.equal(updated?.role, "agent", "an absent role is left alone");
    await submitAgentsForm(
      t.ctx,
      form({ _action: "reset", id: bea!.id, password: "new long one" }),
    );
    assert.equal((await t.ctx.store.getAgent(bea!.id))?.sessionEpoch, 1);

    await assert.rejects(
      submitAgentsForm(t.ctx, form({ _action: "drop", id: bea!.id })),
      InvalidError,
    );
    await assert.rejects(submitAgentsForm(t.ctx, null), InvalidError);
    await assert.rejects(
      submitAgentsForm(t.ctx, form({ _action: "update", id: "../x" })),
      InvalidError,
    );
    await assert.rejects(
      submitAgentsForm(t.ctx, form({ _action: "deactivate", id: "nobody" })),
      NotFoundError,
    );
    await assert.rejects(
      submitAgentsForm(t.ctx, form({ _action: "update", id: bea!.id, role: "root" })),
      InvalidError,
    );
  } finally {
    await t.close();
  }
});

Deno.test("account form: a new password must match its confirmation and be long enough", async () => {
  const t = await testContext();
  try {
    const agent = await seedAgent(t.ctx, { email: "b@example.test", role: "agent" });
    const { session } = await createSession(t.ctx, agent);
    const attempt = (fields: Record<string, string>) =>
      submitAccountForm(
        t.ctx,
        session,
        form({ _action: "password", current: "correct horse battery", ...fields }),
      );
    await assert.rejects(attempt({ password: "0123456789", confirm: "0123456788" }), /differ/);
    await assert.rejects(attempt({ password: "short", confirm: "short" }), InvalidError);
    assert.equal((await t.ctx.store.getAgent(agent.id))?.sessionEpoch, 0, "nothing changed");
    assert.match(await attempt({ password: "0123456789", confirm: "0123456789" }), /changed/);
    assert.equal((await t.ctx.store.getAgent(agent.id))?.sessionEpoch, 1);
    await assert.rejects(submitAccountForm(t.ctx, session, form({ _action: "x" })), InvalidError);
  } finally {
    await t.close();
  }
});
