import assert from "node:assert/strict";
import { handleAlertAction } from "./actions.ts";
import { createLogger } from "../log.ts";
import { parseConfig } from "../config.ts";
import { policyFromConfig } from "../escalation/policy.ts";
import { openTempStore } from "../../test/support/store.ts";
import { LogNotifier } from "./log.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { addAgent, editAgent } from "../auth/agents.ts";

async function setup() {
  const temp = await openTempStore();
  const store = temp.store;
  const log = createLogger("error", () => {});
  const ctx = {
    store,
    log,
    notifier: new LogNotifier(log),
    now: () => new Date("2026-09-07T12:00:00Z"),
    config: parseConfig({ TELEGRAM_AGENTS: "5:ann@example.com" }) as never,
    policy: policyFromConfig(parseConfig({})),
  };
  const ann = await addAgent(ctx, {
    email: "ann@example.com",
    name: "Ann",
    role: "agent",
    team: "",
    password: "ann's long password",
  }, 1);
  return {
    ann,
    ctx,
    store,
    stop: temp.close,
  };
}

Deno.test("take assigns and starts a new complaint; resolve resolves; unknown users change nothing", async () => {
  const t = await setup();
  const c = (await t.store.createComplaint(makeComplaint())).complaint;
  const refused = await handleAlertAction(t.ctx, {
    id: "q",
    from: { id: 6 },
    data: `take:${c.id}`,
  });
  assert.equal(refused.showAlert, true);
  assert.equal((await t.store.getComplaint(c.id))!.assignee, null);
  const took = await handleAlertAction(t.ctx, { id: "q", from: { id: 5 }, data: `take:${c.id}` });
  assert.equal(took.complaint?.assignee, "ann@example.com");
  assert.equal(took.complaint?.status, "in_progress");
  const done = await handleAlertAction(t.ctx, {
    id: "q",
    from: { id: 5 },
    data: `resolve:${c.id}`,
  });
  assert.equal(done.complaint?.status, "resolved");
  const missing = await handleAlertAction(t.ctx, { id: "q", from: { id: 5 }, data: "take:NOPE" });
  assert.match(missing.text, /no longer exists/);
  const junk = await handleAlertAction(t.ctx, { id: "q", from: { id: 5 }, data: "rm -rf" });
  assert.match(junk.text, /not recognised/);
  await t.stop();
});

Deno.test("once the complaint changed, a malformed message on the press cannot make it throw", async () => {
  const t = await setup();
  try {
    const c = (await t.store.createComplaint(makeComplaint())).complaint;
    const took = await handleAlertAction(t.ctx, {
      id: "q",
      from: { id: 5 },
      data: `take:${c.id}`,
      message: { message_id: 1, chat: null } as never,
    });
    assert.equal(took.text, "Assigned to you.");
    assert.equal((await t.store.getComplaint(c.id))!.assignee, "ann@example.com");
  } finally {
    await t.stop();
  }
});

Deno.test("a Telegram user linked to a deactivated or unknown agent cannot take or resolve", async () => {
  const t = await setup();
  try {
    const c = (await t.store.createComplaint(makeComplaint())).complaint;
    await editAgent(t.ctx, t.ann.id, { active: false });
    for (const data of [`take:${c.id}`, `resolve:${c.id}`]) {
      const refused = await handleAlertAction(t.ctx, { id: "q", from: { id: 5 }, data });
      assert.equal(refused.showAlert, true);
      assert.match(refused.text, /not active/);
    }
    const after = (await t.store.getComplaint(c.id))!;
    assert.equal(after.assignee, null);
    assert.equal(after.status, c.status);

    const linkedToNobody = {
      ...t.ctx,
      config: parseConfig({ TELEGRAM_AGENTS: "9:ghost@example.com" }) as never,
    };
    const ghost = await handleAlertAction(linkedToNobody, {
      id: "q",
      from: { id: 9 },
      data: `take:${c.id}`,
    });
    assert.equal(ghost.showAlert, true);
    assert.equal((await t.store.getComplaint(c.id))!.assignee, null);
  } finally {
    await t.stop();
  }
});
