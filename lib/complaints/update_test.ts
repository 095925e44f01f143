import assert from "node:assert/strict";
import type { SqliteStore } from "../store/sqlite.ts";
import { withTempStore } from "../../test/support/store.ts";
import { InvalidError, NotFoundError } from "../errors.ts";
import { complaintPatchSchema } from "../schema/complaint.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { applyAgentPatch } from "./update.ts";
import { parseConfig } from "../config.ts";
import { policyFromConfig } from "../escalation/policy.ts";

const AT = new Date("2026-09-10T09:00:00.000Z");

const ctx = (store: SqliteStore) => ({
  store,
  now: () => AT,
  policy: policyFromConfig(parseConfig({})),
});

Deno.test("each changed field and the note become one history entry each", async () => {
  await withTempStore(async (store) => {
    const c = makeComplaint({ status: "new", priority: "medium", assignee: null });
    await store.createComplaint(c);
    const updated = await applyAgentPatch(
      ctx(store),
      c.id,
      complaintPatchSchema.parse({
        status: "in_progress",
        priority: "high",
        assignee: "ann",
        note: "Called the customer",
      }),
      "agent@example.test",
    );
    assert.equal(updated.status, "in_progress");
    assert.equal(updated.priority, "high");
    assert.equal(updated.assignee, "ann");
    assert.equal(updated.updatedAt, AT.toISOString());
    const added = updated.history.slice(c.history.length);
    const at = AT.toISOString();
    const actor = "agent@example.test";
    assert.deepEqual(added, [
      { at, actor, action: "status_changed", details: { from: "new", to: "in_progress" } },
      { at, actor, action: "assigned", details: { from: null, to: "ann" } },
      {
        at,
        actor,
        action: "priority_changed",
        details: { from: "medium", to: "high", original: "medium" },
      },
      { at, actor, action: "note", details: { text: "Called the customer" } },
    ]);
    assert.deepEqual(await store.getComplaint(c.id), updated, "what is returned is what is stored");
  });
});

Deno.test("values equal to the current ones add no entry and change nothing", async () => {
  await withTempStore(async (store) => {
    const c = makeComplaint({ status: "waiting", priority: "low", assignee: "bob" });
    await store.createComplaint(c);
    const result = await applyAgentPatch(
      ctx(store),
      c.id,
      { status: "waiting", priority: "low", assignee: "bob" },
      "agent",
    );
    assert.deepEqual(result, c);
    assert.deepEqual(await store.getComplaint(c.id), c);
    assert.equal((await applyAgentPatch(ctx(store), c.id, {}, "agent")).history.length, 1);
  });
});

Deno.test("only the fields that changed are recorded when some are unchanged", async () => {
  await withTempStore(async (store) => {
    const c = makeComplaint({ status: "new", priority: "high" });
    await store.createComplaint(c);
    const updated = await applyAgentPatch(
      ctx(store),
      c.id,
      { status: "resolved", priority: "high" },
      "agent",
    );
    assert.deepEqual(updated.history.slice(c.history.length).map((h) => h.action), [
      "status_changed",
    ]);
  });
});

Deno.test("a note alone is recorded even when nothing else changes; two notes, two entries", async () => {
  await withTempStore(async (store) => {
    const c = makeComplaint();
    await store.createComplaint(c);
    await applyAgentPatch(ctx(store), c.id, { note: "first" }, "a");
    const after = await applyAgentPatch(ctx(store), c.id, { note: "second" }, "b");
    const notes = after.history.filter((h) => h.action === "note");
    assert.deepEqual(notes.map((h) => [h.actor, h.details.text]), [["a", "first"], [
      "b",
      "second",
    ]]);
    assert.equal(after.status, c.status);
  });
});

Deno.test('assignee "" (or null) clears the assignee and records it', async () => {
  await withTempStore(async (store) => {
    const c = makeComplaint({ assignee: "ann" });
    await store.createComplaint(c);
    const cleared = await applyAgentPatch(ctx(store), c.id, { assignee: "" }, "lead");
    assert.equal(cleared.assignee, null);
    assert.deepEqual(cleared.history.at(-1)?.details, { from: "ann", to: null });
    assert.equal((await store.getComplaint(c.id))?.assignee, null);
    const again = await applyAgentPatch(ctx(store), c.id, { assignee: null }, "lead");
    assert.equal(again.history.length, cleared.history.length, "clearing twice adds nothing");
    const reassigned = await applyAgentPatch(ctx(store), c.id, { assignee: "bob" }, "lead");
    assert.equal(reassigned.assignee, "bob");
    const byAssignee = await store.listComplaints({ assignee: "bob", page: 1, limit: 10 });
    assert.equal(byAssignee.total, 1);
  });
});

Deno.test("an unknown id is a NotFoundError and nothing is written", async () => {
  await withTempStore(async (store) => {
    await assert.rejects(
      () => applyAgentPatch(ctx(store), "no-such-id", { status: "closed" }, "agent"),
      (err) => {
        assert.ok(err instanceof NotFoundError, String(err));
        assert.equal(err.code, "not_found");
        return true;
      },
    );
    assert.equal((await store.listComplaints({ page: 1, limit: 10 })).total, 0);
  });
});

Deno.test("a priority change moves the SLA deadline to the new priority's window from receipt", async () => {
  await withTempStore(async (store) => {
    const c = makeComplaint({ priority: "low", receivedAt: "2026-09-01T10:00:00.000Z" });
    await store.createComplaint(c);
    const updated = await applyAgentPatch(ctx(store), c.id, { priority: "critical" }, "agent");
    assert.equal(updated.slaDueAt, "2026-09-01T11:00:00.000Z");
    assert.ok(updated.slaWarnAt! < updated.slaDueAt!);
  });
});

Deno.test("a corrected category records the analyzer's original and takes the complaint to the new category's team", async () => {
  await withTempStore(async (store) => {
    const c = makeComplaint({ category: "returns", team: "returns" });
    await store.createComplaint(c);
    const updated = await applyAgentPatch(
      ctx(store),
      c.id,
      complaintPatchSchema.parse({ category: "billing" }),
      "agent@example.test",
    );
    assert.equal(updated.category, "billing");
    assert.equal(updated.team, "billing");
    assert.deepEqual(updated.history.slice(c.history.length).map((h) => [h.action, h.details]), [
      ["category_changed", { from: "returns", to: "billing", original: "returns" }],
      ["team_changed", { from: "returns", to: "billing", original: "returns", reason: "category" }],
    ]);
  });
});

Deno.test("a team the agent chose is kept when the category changes, and a named team must exist", async () => {
  await withTempStore(async (store) => {
    const c = makeComplaint({ category: "returns", team: "returns" });
    await store.createComplaint(c);
    const moved = await applyAgentPatch(
      ctx(store),
      c.id,
      complaintPatchSchema.parse({ team: "quality" }),
      "agent@example.test",
    );
    assert.equal(moved.team, "quality");
    const recategorised = await applyAgentPatch(
      ctx(store),
      c.id,
      complaintPatchSchema.parse({ category: "delivery" }),
      "agent@example.test",
    );
    assert.equal(recategorised.team, "quality", "the agent's routing is not undone");
    await assert.rejects(
      applyAgentPatch(ctx(store), c.id, { team: "nobody-here" }, "agent@example.test"),
      (err: unknown) => err instanceof InvalidError && err.code === "unknown_team",
    );
    assert.equal((await store.getComplaint(c.id))!.team, "quality");
  });
});
