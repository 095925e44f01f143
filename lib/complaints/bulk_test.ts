import assert from "node:assert/strict";
import { testContext } from "../../test/e2e/app_fixture.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { InvalidError } from "../errors.ts";
import type { App } from "../context.ts";
import type { Complaint } from "../schema/complaint.ts";
import { addSavedReply, type ReplyAuthor } from "../replies/saved.ts";
import {
  applyBulk,
  BULK_FIELDS,
  BULK_MAX,
  bulkSummary,
  isBulkOp,
  TooManyChosenError,
} from "./bulk.ts";
import { startMailpit } from "../../test/harness/mailpit.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";
import { freePort } from "../../test/harness/free_port.ts";

const bea: ReplyAuthor = {
  email: "bea@example.test",
  name: "Bea",
  team: "logistics",
  admin: false,
};
const ada: ReplyAuthor = { email: "ada@example.test", name: "Ada", team: "", admin: true };

/** A fresh product context with `fn`'s complaints in its store; closed after. */
async function withBulk(
  fn: (ctx: App) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const t = await testContext(env);
  try {
    await fn(t.ctx);
  } finally {
    await t.close();
  }
}

async function seed(ctx: App, fields: Partial<Complaint> = {}): Promise<Complaint> {
  return (await ctx.store.createComplaint(makeComplaint(fields))).complaint;
}

async function reread(ctx: App, c: Complaint): Promise<Complaint> {
  const now = await ctx.store.getComplaint(c.id);
  assert.ok(now, `complaint ${c.id} is stored`);
  return now;
}

/** The result of an action done on every one of `ids`. */
const allDone = (...ids: string[]) => ({
  done: ids.length,
  items: ids.map((id) => ({ id, outcome: "done" })),
  failed: [],
});

const bulk = (ctx: App, ids: string[], op: Parameters<typeof applyBulk>[3], value: string) =>
  applyBulk(ctx, ctx.pipeline.locks, ids, op, value, bea);

Deno.test("the bulk actions are assign, status, priority and reply, each read from its own form field; nothing else is one", () => {
  assert.deepEqual(BULK_FIELDS, {
    assign: "assignee",
    status: "status",
    priority: "priority",
    reply: "reply",
  });
  for (const op of ["assign", "status", "priority", "reply"]) assert.ok(isBulkOp(op), op);
  for (const op of [undefined, "", "delete", "merge", "Assign", "toString", "__proto__"]) {
    assert.equal(isBulkOp(op), false, String(op));
  }
});

Deno.test("assign: each chosen complaint goes to the active agent (stored as their login), history names who did it; an empty value unassigns", () =>
  withBulk(async (ctx) => {
    await seedAgent(ctx, { email: "tom@example.test", role: "agent" });
    const one = await seed(ctx);
    const two = await seed(ctx, { assignee: "someone@example.test" });
    const other = await seed(ctx);

    const result = await bulk(ctx, [one.id, two.id], "assign", "  TOM@Example.test ");
    assert.deepEqual(result, allDone(one.id, two.id));
    for (const [c, from] of [[one, null], [two, "someone@example.test"]] as const) {
      const now = await reread(ctx, c);
      assert.equal(now.assignee, "tom@example.test");
      const entry = now.history.find((h) => h.action === "assigned");
      assert.deepEqual(entry?.details, { from, to: "tom@example.test" });
      assert.equal(entry?.actor, bea.email);
    }
    assert.equal((await reread(ctx, other)).assignee, null, "an unchosen one is left alone");

    assert.deepEqual(await bulk(ctx, [one.id, two.id], "assign", ""), allDone(one.id, two.id));
    for (const c of [one, two]) assert.equal((await reread(ctx, c)).assignee, null);
  }));

Deno.test("a value that is not valid for the action refuses the whole action before any complaint is touched", () =>
  withBulk(async (ctx) => {
    const gone = await seedAgent(ctx, { email: "gone@example.test", role: "agent" });
    await ctx.store.updateAgent(gone.id, { active: false });
    const c = await seed(ctx);
    const cases: [Parameters<typeof applyBulk>[3], string, RegExp][] = [
      ["status", "archived", /status: archived is not a valid value/],
      ["status", "", /status: \(empty\) is not a valid value/],
      ["priority", "urgent", /priority: urgent is not a valid value/],
      ["assign", "nobody@example.test", /nobody@example.test is not an active agent's email/],
      ["assign", "gone@example.test", /gone@example.test is not an active agent's email/],
    ];
    for (const [op, value, message] of cases) {
      await assert.rejects(
        bulk(ctx, [c.id], op, value),
        (e) => e instanceof InvalidError && message.test(e.message),
        `${op} ${value}`,
      );
    }
    assert.deepEqual(await reread(ctx, c), c, "unchanged");
  }));

Deno.test("status and priority: each complaint changes with history naming the agent; one already there is done without a change", () =>
  withBulk(async (ctx) => {
    const fresh = await seed(ctx, { status: "new", priority: "low" });
    const already = await seed(ctx, { status: "resolved", priority: "critical" });

    assert.deepEqual(
      await bulk(ctx, [fresh.id, already.id], "status", "resolved"),
      allDone(fresh.id, already.id),
    );
    const resolved = await reread(ctx, fresh);
    assert.equal(resolved.status, "resolved");
    const entry = resolved.history.find((h) => h.action === "status_changed");
    assert.deepEqual(entry?.details, { from: "new", to: "resolved" });
    assert.equal(entry?.actor, bea.email);
    assert.deepEqual(await reread(ctx, already), already, "nothing to change: left as it was");

    assert.deepEqual(
      await bulk(ctx, [fresh.id, already.id], "priority", "critical"),
      allDone(fresh.id, already.id),
    );
    const raised = await reread(ctx, fresh);
    assert.equal(raised.priority, "critical");
    const change = raised.history.find((h) => h.action === "priority_changed");
    assert.equal(change?.actor, bea.email);
    assert.equal(change?.details?.from, "low");
    assert.ok(raised.triageCorrectedAt, "an agent's correction of the triage");
    assert.deepEqual(await reread(ctx, already), already);
  }));

Deno.test("each chosen id is tried once: an unknown one is reported with why, and the others are still done", () =>
  withBulk(async (ctx) => {
    const a = await seed(ctx);
    const b = await seed(ctx);
    const result = await bulk(ctx, [a.id, "no-such-id", a.id, b.id], "status", "in_progress");
    assert.equal(result.done, 2);
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0].id, "no-such-id");
    assert.match(result.failed[0].error, /No complaint no-such-id/);
    for (const c of [a, b]) {
      const now = await reread(ctx, c);
      assert.equal(now.status, "in_progress");
      assert.equal(now.history.filter((h) => h.action === "status_changed").length, 1, "once");
    }
  }));

Deno.test("no complaint chosen is refused; more than BULK_MAX distinct ids are refused naming the limit, and none is touched", () =>
  withBulk(async (ctx) => {
    await assert.rejects(
      bulk(ctx, [], "status", "resolved"),
      (e) => e instanceof InvalidError && e.message === "Choose complaints first.",
    );
    const a = await seed(ctx, { priority: "low" });
    const b = await seed(ctx, { priority: "low" });
    const others = Array.from({ length: BULK_MAX - 1 }, (_, i) => `other-${i}`);
    const ids = [a.id, b.id, ...others];
    assert.equal(new Set(ids).size, BULK_MAX + 1);
    await assert.rejects(
      bulk(ctx, ids, "priority", "high"),
      (e) =>
        e instanceof TooManyChosenError && e instanceof InvalidError &&
        e.code === "too_many_chosen" && e.limit === BULK_MAX && e.chosen === BULK_MAX + 1 &&
        e.message.includes(String(BULK_MAX)) && e.message.includes(String(BULK_MAX + 1)),
    );
    for (const c of [a, b]) assert.deepEqual(await reread(ctx, c), c, "untouched");

    // Repeats count once: BULK_MAX distinct ids, however often each is sent, are all tried.
    const result = await bulk(ctx, [...ids.slice(0, BULK_MAX), a.id, b.id], "priority", "high");
    assert.equal(result.done, 2);
    assert.equal(result.failed.length, BULK_MAX - 2);
    for (const c of [a, b]) assert.equal((await reread(ctx, c)).priority, "high");
  }));

Deno.test("reply: each complaint gets the saved reply filled for it, signed, sent on its thread, and waits for the customer", () =>
  withBulk(async (ctx) => {
    const ann = await seed(ctx, { status: "new", customer: { email: "ann@x.test", name: "Ann" } });
    const bob = await seed(ctx, {
      status: "in_progress",
      customer: { email: "bob@x.test", name: "Bob" },
    });
    const reply = await addSavedReply(ctx, {
      title: "On it",
      body: "Hello {{customer.name}}, we are on it ({{ref}}).",
      team: "",
    }, ada);

    const result = await applyBulk(ctx, ctx.pipeline.locks, [ann.id, bob.id], "reply", reply.id, {
      ...bea,
      signature: "Bea\nLogistics desk",
    });
    // No SMTP here: both are kept in the outbox, which is not sent.
    assert.deepEqual(result.items.map((i) => [i.id, i.outcome]), [
      [ann.id, "outbox"],
      [bob.id, "outbox"],
    ]);
    for (const [c, name] of [[ann, "Ann"], [bob, "Bob"]] as const) {
      const now = await reread(ctx, c);
      const out = now.messages.filter((m) => m.direction === "outbound");
      assert.equal(out.length, 1);
      assert.equal(
        out[0].text,
        `Hello ${name}, we are on it (#${now.ref}).\n\n-- \nBea\nLogistics desk`,
      );
      assert.equal(out[0].by, bea.email);
      assert.ok(JSON.stringify(out[0].to).includes(c.customer.email), "to its customer");
      assert.equal(now.status, "waiting");
      assert.ok(now.history.some((h) => h.action === "reply_queued" && h.actor === bea.email));
    }
  }));

Deno.test("reply: a saved reply the agent cannot see, or none at all, is refused for each complaint and nothing is sent", () =>
  withBulk(async (ctx) => {
    const c = await seed(ctx, { status: "new" });
    const billing: ReplyAuthor = {
      email: "tom@example.test",
      name: "Tom",
      team: "billing",
      admin: false,
    };
    const theirs = await addSavedReply(ctx, {
      title: "Refund",
      body: "Refund sent.",
      team: "billing",
    }, billing);

    for (const value of [theirs.id, "no-such-reply", ""]) {
      const result = await bulk(ctx, [c.id, "no-such-id"], "reply", value);
      assert.equal(result.done, 0, value);
      assert.deepEqual(result.failed, [
        { id: c.id, error: "no such saved reply" },
        { id: "no-such-id", error: "no such complaint" },
      ]);
    }
    const untouched = await reread(ctx, c);
    assert.deepEqual(untouched.messages, []);
    assert.equal(untouched.status, "new");

    // An admin sees every team's saved replies, so may send it.
    const byAdmin = await applyBulk(ctx, ctx.pipeline.locks, [c.id], "reply", theirs.id, ada);
    assert.deepEqual(byAdmin.failed, []);
    assert.equal(byAdmin.items[0].outcome, "outbox");
    assert.equal((await reread(ctx, c)).messages[0].text, "Refund sent.");
  }));

/** Two complaints of Ann and Bob, a shared saved reply, and Bea replying with it in bulk. */
async function replyToTwo(ctx: App) {
  const ann = await seed(ctx, { status: "new", customer: { email: "ann@x.test", name: "Ann" } });
  const bob = await seed(ctx, { status: "new", customer: { email: "bob@x.test", name: "Bob" } });
  const reply = await addSavedReply(ctx, { title: "On it", body: "We are on it.", team: "" }, ada);
  const result = await bulk(ctx, [ann.id, bob.id, "no-such-id"], "reply", reply.id);
  return { ann, bob, result };
}

Deno.test("reply without SMTP: each reply is reported kept in the outbox, not sent; none counts as done and the summary says so", () =>
  withBulk(async (ctx) => {
    const { ann, bob, result } = await replyToTwo(ctx);
    assert.equal(result.done, 0, "nothing was sent");
    assert.deepEqual(result.items, [
      {
        id: ann.id,
        outcome: "outbox",
        detail: "not sent: no SMTP configured (kept in the outbox)",
      },
      {
        id: bob.id,
        outcome: "outbox",
        detail: "not sent: no SMTP configured (kept in the outbox)",
      },
      { id: "no-such-id", outcome: "failed", detail: "no such complaint" },
    ]);
    assert.deepEqual(result.failed, [{ id: "no-such-id", error: "no such complaint" }]);
    assert.deepEqual(bulkSummary("reply", result), {
      notice:
        "0 of 3 replies sent; 2 not sent: no SMTP configured (kept in the outbox); 1 not sent.",
      problems: ["no-such-id: no such complaint"],
    });
    for (const c of [ann, bob]) {
      const [out] = (await reread(ctx, c)).messages.filter((m) => m.direction === "outbound");
      assert.equal(out.state, "outbox", "on its thread, as the report says");
    }
  }));

Deno.test("reply with an SMTP server that refuses: each reply is reported failed with its error and next try, not done", () =>
  withBulk(async (ctx) => {
    const { ann, bob, result } = await replyToTwo(ctx);
    assert.equal(result.done, 0);
    assert.deepEqual(result.items.map((i) => [i.id, i.outcome]), [
      [ann.id, "retrying"],
      [bob.id, "retrying"],
      ["no-such-id", "failed"],
    ]);
    for (const item of result.items.slice(0, 2)) {
      assert.match(item.detail ?? "", /^failed: .*(ECONNREFUSED|connect).* — next try /i);
    }
    assert.deepEqual(result.failed.map((f) => f.id), [ann.id, bob.id, "no-such-id"]);
    const summary = bulkSummary("reply", result);
    assert.equal(summary.notice, "0 of 3 replies sent; 2 failed, will be retried; 1 not sent.");
    assert.equal(summary.problems.length, 3);
    assert.match(summary.problems[0], new RegExp(`^${ann.id}: failed: .* — next try `));
    for (const c of [ann, bob]) {
      const [out] = (await reread(ctx, c)).messages.filter((m) => m.direction === "outbound");
      assert.equal(out.state, "failed");
      assert.ok(out.nextAttemptAt, "the job tries again");
    }
  }, { SMTP_URL: `smtp://127.0.0.1:${freePort()}` }));

Deno.test("reply: a send that failed with no tries left is reported failed for good, not retried", () =>
  withBulk(async (ctx) => {
    const { ann, result } = await replyToTwo(ctx);
    assert.equal(result.items[0].outcome, "failed");
    assert.match(result.items[0].detail ?? "", /— no more automatic tries$/);
    assert.equal(result.failed[0].id, ann.id);
    assert.equal(
      bulkSummary("reply", result).notice,
      "0 of 3 replies sent; 3 not sent.",
    );
  }, { SMTP_URL: `smtp://127.0.0.1:${freePort()}`, RETRY_MAX_ATTEMPTS: "1" }));

Deno.test({
  name: "reply with a working SMTP server: the replies it took are sent and done",
  ignore: skipUnless("mailpit", !!findBinary("mailpit")),
  fn: async () => {
    const mp = await startMailpit();
    try {
      await withBulk(async (ctx) => {
        const { ann, bob, result } = await replyToTwo(ctx);
        assert.equal(result.done, 2);
        assert.deepEqual(result.items.map((i) => [i.id, i.outcome, i.detail]), [
          [ann.id, "sent", "sent"],
          [bob.id, "sent", "sent"],
          ["no-such-id", "failed", "no such complaint"],
        ]);
        assert.equal(
          bulkSummary("reply", result).notice,
          "2 of 3 replies sent; 1 not sent.",
        );
        assert.equal((await mp.waitFor(2)).length, 2);
      }, { SMTP_URL: mp.smtpUrl });
    } finally {
      await mp.stop();
    }
  },
});

Deno.test("the summary of other actions counts each distinct complaint once and lists why the others were not done", () =>
  withBulk(async (ctx) => {
    const a = await seed(ctx);
    const result = await bulk(ctx, [a.id, a.id, "no-such-id"], "status", "resolved");
    assert.deepEqual(result.items.map((i) => [i.id, i.outcome]), [
      [a.id, "done"],
      ["no-such-id", "failed"],
    ]);
    const summary = bulkSummary("status", result);
    assert.equal(summary.notice, "1 of 2 complaints done.");
    assert.equal(summary.problems.length, 1);
    assert.match(summary.problems[0], /^no-such-id: No complaint no-such-id/);
  }));
