import assert from "node:assert/strict";
import { checkAssignee } from "./assign.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { InvalidError } from "../errors.ts";

Deno.test("an assignee must be an active agent's email; empty or null unassigns", async () => {
  const t = await testContext();
  try {
    const ann = await seedAgent(t.ctx, { email: "ann@example.test", role: "agent" });
    assert.deepEqual(await checkAssignee(t.ctx, { assignee: " ANN@example.test " }), {
      assignee: "ann@example.test",
    });
    assert.deepEqual(await checkAssignee(t.ctx, { assignee: "" }), { assignee: "" });
    assert.deepEqual(await checkAssignee(t.ctx, { assignee: null }), { assignee: null });
    assert.deepEqual(await checkAssignee(t.ctx, { status: "resolved" }), { status: "resolved" });
    for (const bad of ["ann", "nobody@example.test", "<script>@x"]) {
      await assert.rejects(
        checkAssignee(t.ctx, { assignee: bad }),
        (e) => e instanceof InvalidError && e.code === "unknown_assignee",
        bad,
      );
    }
    await t.ctx.store.updateAgent(ann.id, { active: false });
    await assert.rejects(checkAssignee(t.ctx, { assignee: "ann@example.test" }), InvalidError);
  } finally {
    await t.close();
  }
});
