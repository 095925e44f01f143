import assert from "node:assert/strict";
import { assigneeName, checkAssignee, takeComplaint } from "./assign.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { InvalidError, NotFoundError } from "../errors.ts";

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

Deno.test("take: the agent becomes assignee, a new complaint goes in progress, history names them", async () => {
  const t = await testContext();
  try {
    const { complaint } = await t.ctx.store.createComplaint(makeComplaint({ status: "new" }));
    const taken = await takeComplaint(t.ctx, complaint.id, { email: "bea@example.test" });
    assert.equal(taken.assignee, "bea@example.test");
    assert.equal(taken.status, "in_progress");
    const last = taken.history.at(-1)!;
    assert.equal(last.actor, "bea@example.test");
    const { complaint: waiting } = await t.ctx.store.createComplaint(
      makeComplaint({ status: "waiting" }),
    );
    assert.equal(
      (await takeComplaint(t.ctx, waiting.id, { email: "x@example.test" })).status,
      "waiting",
    );
    await assert.rejects(takeComplaint(t.ctx, "nope", { email: "x@example.test" }), NotFoundError);
  } finally {
    await t.close();
  }
});

Deno.test("assigneeName shows the agent's name, else the stored text", () => {
  const agents = [{ email: "bea@example.test", name: "Bea" }];
  assert.equal(assigneeName("bea@example.test", agents), "Bea");
  assert.equal(assigneeName("Bea@Example.test", agents), "Bea");
  assert.equal(assigneeName("old free text", agents), "old free text");
  assert.equal(assigneeName(null, agents), null);
});
