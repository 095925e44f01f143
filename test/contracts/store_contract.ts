import assert from "node:assert/strict";
import type {
  ComplaintStore,
  ComplaintUpdate,
  ProcessedEmailUpdate,
} from "../../lib/store/port.ts";
import { type Complaint, listQuerySchema } from "../../lib/schema/complaint.ts";
import { makeClaim, makeComplaint } from "../support/complaints.ts";
import { runAgentContract } from "./agent_contract.ts";
import { runUsageContract } from "./usage_contract.ts";
import { runIncidentContract } from "./incident_contract.ts";
import { runSavedReplyContract } from "./saved_reply_contract.ts";

export interface StoreFactory {
  /** A fresh, empty, initialised store. */
  open(): Promise<ComplaintStore>;
  /** Close and remove everything. */
  dispose(store: ComplaintStore): Promise<void>;
}

const q = (input: Record<string, unknown> = {}) => listQuerySchema.parse(input);

/**
 * The complaint store contract: every adapter runs these same steps unchanged.
 * Call inside a Deno.test and pass its context.
 */
export async function runStoreContract(t: Deno.TestContext, factory: StoreFactory): Promise<void> {
  const step = (name: string, fn: (s: ComplaintStore) => Promise<void>) =>
    t.step(name, async () => {
      const store = await factory.open();
      try {
        await fn(store);
      } finally {
        await factory.dispose(store);
      }
    });

  await step("create then get returns the same complaint", async (s) => {
    const c = makeComplaint({ subject: "Broken kettle", tags: ["x"] });
    const { created, complaint } = await s.createComplaint(c);
    assert.equal(created, true);
    assert.deepEqual(complaint, c);
    assert.deepEqual(await s.getComplaint(c.id), c);
    assert.deepEqual(await s.findByMessageId(c.messageId), c);
    assert.equal(await s.getComplaint("missing"), null);
  });

  await step("a lease is held by one owner until it expires or is released", async (s) => {
    assert.equal(await s.tryLease("job:1", "a", 60_000), true);
    assert.equal(await s.tryLease("job:1", "b", 60_000), false, "held by a");
    assert.equal(await s.tryLease("job:1", "a", 60_000), true, "its owner renews it");
    assert.equal(await s.tryLease("job:2", "b", 60_000), true, "other keys are free");
    await s.releaseLease("job:1", "b"); // not b's to release
    assert.equal(await s.tryLease("job:1", "b", 60_000), false);
    await s.releaseLease("job:1", "a");
    assert.equal(await s.tryLease("job:1", "b", 50), true, "released");
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(await s.tryLease("job:1", "c", 60_000), true, "expired");
  });

  await step("of many owners racing for one lease exactly one gets it", async (s) => {
    const won = await Promise.all(
      Array.from({ length: 8 }, (_, i) => s.tryLease("race", `owner-${i}`, 60_000)),
    );
    assert.equal(won.filter(Boolean).length, 1);
  });

  await step("withLock runs one caller at a time per key", async (s) => {
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 5 }, (_, i) =>
      s.withLock("customer:x", async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        inside--;
      })));
    assert.equal(most, 1);
    assert.equal(order.length, 5);
    await assert.rejects(s.withLock("k", () => Promise.reject(new Error("boom"))), /boom/);
    assert.equal(await s.withLock("k", () => Promise.resolve(7)), 7, "a failure frees the key");
  });

  await step("create is idempotent on messageId", async (s) => {
    const first = makeComplaint();
    const again = makeComplaint({ messageId: first.messageId, subject: "other" });
    await s.createComplaint(first);
    const { created, complaint } = await s.createComplaint(again);
    assert.equal(created, false);
    assert.equal(complaint.id, first.id);
    assert.equal((await s.listComplaints(q())).total, 1);
  });

  await step("parallel creates of the same message yield one complaint", async (s) => {
    const base = makeComplaint();
    const results = await Promise.all(
      Array.from(
        { length: 10 },
        () => s.createComplaint(makeComplaint({ messageId: base.messageId })),
      ),
    );
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(new Set(results.map((r) => r.complaint.id)).size, 1);
    assert.equal((await s.listComplaints(q())).total, 1);
  });

  await step("list filters by status, category, priority, assignee and date range", async (s) => {
    await s.createComplaint(
      makeComplaint({
        status: "new",
        category: "billing",
        priority: "high",
        receivedAt: "2026-09-01T10:00:00.000Z",
      }),
    );
    await s.createComplaint(
      makeComplaint({
        status: "resolved",
        category: "billing",
        priority: "low",
        receivedAt: "2026-09-02T10:00:00.000Z",
        assignee: "ann",
      }),
    );
    await s.createComplaint(
      makeComplaint({
        status: "new",
        category: "delivery",
        priority: "high",
        receivedAt: "2026-09-03T10:00:00.000Z",
      }),
    );
    assert.equal((await s.listComplaints(q({ status: "new" }))).total, 2);
    assert.equal((await s.listComplaints(q({ category: "billing" }))).total, 2);
    assert.equal((await s.listComplaints(q({ priority: "high", category: "delivery" }))).total, 1);
    assert.equal((await s.listComplaints(q({ assignee: "ann" }))).total, 1);
    assert.equal((await s.listComplaints(q({ from: "2026-09-02" }))).total, 2);
    assert.equal((await s.listComplaints(q({ to: "2026-09-02" }))).total, 2);
    assert.equal((await s.listComplaints(q({ from: "2026-09-02", to: "2026-09-02" }))).total, 1);
  });

  await step("list filters open complaints by SLA state at a given instant", async (s) => {
    const sla = (due: string, warn: string) => ({ slaDueAt: due, slaWarnAt: warn });
    const overdue = makeComplaint(sla("2026-09-07T10:00:00.000Z", "2026-09-07T09:00:00.000Z"));
    const soon = makeComplaint(sla("2026-09-07T13:00:00.000Z", "2026-09-07T11:00:00.000Z"));
    const onTime = makeComplaint(sla("2026-09-08T12:00:00.000Z", "2026-09-08T06:00:00.000Z"));
    const noSla = makeComplaint();
    const closed = makeComplaint({
      status: "resolved",
      ...sla("2026-09-07T10:00:00.000Z", "2026-09-07T09:00:00.000Z"),
    });
    const retry = makeComplaint({ alertRetryAt: "2026-09-07T11:30:00.000Z" });
    for (const c of [overdue, soon, onTime, noSla, closed, retry]) await s.createComplaint(c);
    const ids = async (input: Record<string, unknown>) =>
      (await s.listComplaints(q(input))).items.map((c) => c.id).sort();
    const at = "2026-09-07T12:00:00+00:00";
    assert.deepEqual(await ids({ sla: "overdue", slaNow: at }), [overdue.id]);
    assert.deepEqual(await ids({ sla: "due_soon", slaNow: at }), [soon.id]);
    assert.deepEqual(
      await ids({ sla: "on_time", slaNow: at }),
      [onTime.id, noSla.id, retry.id].sort(),
    );
    assert.deepEqual(
      await ids({ sla: "overdue", slaNow: "2026-09-07T17:00:00+05:00" }),
      [overdue.id],
      "offsets are compared as instants",
    );
    assert.deepEqual(await ids({ alertRetryBefore: at }), [retry.id]);
    assert.deepEqual(await ids({ alertRetryBefore: "2026-09-07T11:00:00Z" }), []);
    const updated = await s.updateComplaint(retry.id, { alertRetryAt: undefined }, []);
    assert.equal(updated?.alertRetryAt, undefined);
    assert.deepEqual(await ids({ alertRetryBefore: at }), []);
  });

  await step(
    "list finds complaints with an outbound message due again by an instant",
    async (s) => {
      const due = makeComplaint({ outboundRetryAt: "2026-09-07T11:30:00.000Z" });
      const later = makeComplaint({ outboundRetryAt: "2026-09-07T12:30:00.000Z" });
      const none = makeComplaint();
      for (const c of [due, later, none]) await s.createComplaint(c);
      const ids = async (before: string) =>
        (await s.listComplaints(q({ outboundRetryBefore: before }))).items.map((c) => c.id);
      assert.deepEqual(await ids("2026-09-07T12:00:00+00:00"), [due.id]);
      assert.deepEqual(await ids("2026-09-07T17:00:00+05:00"), [due.id], "compared as instants");
      await s.updateComplaint(due.id, { outboundRetryAt: undefined }, []);
      assert.deepEqual(await ids("2026-09-07T12:00:00Z"), []);
    },
  );

  await step(
    "list finds complaints due for a re-analysis by Claude by an instant",
    async (s) => {
      const due = makeComplaint({
        modelRetryAt: "2026-09-07T11:30:00.000Z",
        modelRetryAttempts: 1,
      });
      const later = makeComplaint({ modelRetryAt: "2026-09-07T12:30:00.000Z" });
      const none = makeComplaint();
      for (const c of [due, later, none]) await s.createComplaint(c);
      const ids = async (before: string) =>
        (await s.listComplaints(q({ modelRetryBefore: before }))).items.map((c) => c.id);
      assert.deepEqual(await ids("2026-09-07T12:00:00+00:00"), [due.id]);
      assert.deepEqual(await ids("2026-09-07T17:00:00+05:00"), [due.id], "compared as instants");
      assert.equal((await s.getComplaint(due.id))?.modelRetryAttempts, 1);
      await s.updateComplaint(due.id, { modelRetryAt: undefined }, []);
      assert.deepEqual(await ids("2026-09-07T12:00:00Z"), []);
    },
  );

  await step(
    "list sorts by SLA due time (open ones with an SLA first, closed last) and by priority",
    async (s) => {
      const at = (day: number) => `2026-09-0${day}T10:00:00.000Z`;
      const a = makeComplaint({ priority: "low", slaDueAt: at(5), receivedAt: at(1) });
      const b = makeComplaint({ priority: "critical", slaDueAt: at(4), receivedAt: at(2) });
      const none = makeComplaint({ priority: "high", receivedAt: at(3) });
      const closed = makeComplaint({
        priority: "critical",
        status: "resolved",
        slaDueAt: at(1),
        receivedAt: at(4),
      });
      const c = makeComplaint({ priority: "critical", slaDueAt: at(6), receivedAt: at(5) });
      for (const x of [a, b, none, closed, c]) await s.createComplaint(x);
      const ids = async (sort: string) =>
        (await s.listComplaints(q({ sort }))).items.map((x) => x.id);
      assert.deepEqual(await ids("sla"), [b.id, a.id, c.id, none.id, closed.id]);
      assert.deepEqual(await ids("priority"), [b.id, c.id, none.id, a.id, closed.id]);
      assert.deepEqual(await ids("newest"), [c.id, closed.id, none.id, b.id, a.id]);
      // A change of status or due time moves it.
      await s.updateComplaint(b.id, { status: "closed" }, []);
      await s.updateComplaint(none.id, { slaDueAt: at(3) }, []);
      assert.deepEqual(await ids("sla"), [none.id, a.id, c.id, closed.id, b.id]);
    },
  );

  await step(
    "list finds complaints due within the hour and those the analyzer was unsure of",
    async (s) => {
      const now = "2026-09-07T12:00:00.000Z";
      const soon = makeComplaint({ slaDueAt: "2026-09-07T12:40:00.000Z", confidence: 0.9 });
      const later = makeComplaint({ slaDueAt: "2026-09-07T13:30:00.000Z", confidence: 0.3 });
      const over = makeComplaint({ slaDueAt: "2026-09-07T11:00:00.000Z", confidence: 0.49 });
      for (const x of [soon, later, over]) await s.createComplaint(x);
      const ids = async (input: Record<string, unknown>) =>
        (await s.listComplaints(q(input))).items.map((x) => x.id).sort();
      assert.deepEqual(await ids({ sla: "due_within_hour", slaNow: now }), [soon.id]);
      assert.deepEqual(await ids({ confidenceBelow: 0.5 }), [later.id, over.id].sort());
    },
  );

  await step(
    "list finds complaints whose duplicate link an agent undid, and auto-answered ones",
    async (s) => {
      const undone = makeComplaint({ notDuplicateOf: "orig-1" });
      const answered = makeComplaint({ autoRepliedAt: "2026-05-01T10:00:00.000Z" });
      await s.createComplaint(undone);
      await s.createComplaint(answered);
      await s.createComplaint(makeComplaint());
      const r = await s.listComplaints(q({ notDuplicate: "true" }));
      assert.deepEqual(r.items.map((c) => c.id), [undone.id]);
      const a = await s.listComplaints(q({ autoReplied: "true" }));
      assert.deepEqual(a.items.map((c) => c.id), [answered.id]);
    },
  );

  await step("list is newest first and paginates", async (s) => {
    for (let i = 1; i <= 5; i++) {
      await s.createComplaint(
        makeComplaint({ subject: `n${i}`, receivedAt: `2026-09-0${i}T10:00:00.000Z` }),
      );
    }
    const p1 = await s.listComplaints(q({ limit: 2, page: 1 }));
    const p3 = await s.listComplaints(q({ limit: 2, page: 3 }));
    assert.equal(p1.total, 5);
    assert.deepEqual(p1.items.map((c) => c.subject), ["n5", "n4"]);
    assert.deepEqual(p3.items.map((c) => c.subject), ["n1"]);
    assert.equal(p3.page, 3);
    assert.equal(p3.limit, 2);
  });

  await step(
    "full-text search finds words in subject, body, attachments and order numbers",
    async (s) => {
      await s.createComplaint(
        makeComplaint({ subject: "Refrigerator arrived dented", description: "The door is bent" }),
      );
      await s.createComplaint(
        makeComplaint({ subject: "Заказ не доставлен", description: "Курьер не приехал" }),
      );
      await s.createComplaint(makeComplaint({
        subject: "Invoice",
        description: "see file",
        entities: {
          orderNumbers: ["ZE-2026-031842"],
          amounts: [],
          dates: [],
          products: [],
          phones: [],
        },
        attachments: [{
          filename: "inv.pdf",
          contentType: "application/pdf",
          size: 1,
          sha256: "a",
          storageKey: "k",
          inline: false,
          extractedText: "Total due 4500 tenge",
        }],
      }));
      assert.equal((await s.listComplaints(q({ q: "dented" }))).total, 1);
      assert.equal((await s.listComplaints(q({ q: "курьер" }))).total, 1);
      assert.equal((await s.listComplaints(q({ q: "tenge" }))).total, 1);
      assert.equal((await s.listComplaints(q({ q: "ZE-2026-031842" }))).total, 1);
      assert.equal((await s.listComplaints(q({ q: "refrig" }))).total, 1, "prefix match");
      assert.equal((await s.listComplaints(q({ q: "door bent" }))).total, 1);
      assert.equal((await s.listComplaints(q({ q: "nothing-like-this" }))).total, 0);
      assert.equal((await s.listComplaints(q({ q: '" OR 1=1 -- * NEAR(' }))).total, 0);
      assert.equal((await s.listComplaints(q({ q: '{"$ne": null}' }))).total, 0);
    },
  );

  await step(
    "search follows text changes and survives updates that leave text alone",
    async (s) => {
      const c = makeComplaint({ subject: "Kettle leaks", description: "Water under the kettle" });
      await s.createComplaint(c);
      await s.updateComplaint(c.id, { status: "in_progress", assignee: "ann" }, []);
      assert.equal((await s.listComplaints(q({ q: "kettle" }))).total, 1);
      await s.updateComplaint(c.id, {
        subject: "Toaster sparks",
        description: "Smoke at breakfast",
      }, []);
      assert.equal((await s.listComplaints(q({ q: "kettle" }))).total, 0);
      assert.equal((await s.listComplaints(q({ q: "toaster smoke" }))).total, 1);
      await s.saveComplaint({ ...c, subject: "Blender noise", description: "Loud blender" });
      assert.equal((await s.listComplaints(q({ q: "toaster" }))).total, 0);
      assert.equal((await s.listComplaints(q({ q: "blender" }))).total, 1);
    },
  );

  await step("flush resolves after writes, and again when nothing changed", async (s) => {
    const c = makeComplaint();
    await s.createComplaint(c);
    await Promise.all([s.flush(), s.flush(), s.flush()]);
    await s.flush();
    assert.equal((await s.getComplaint(c.id))?.id, c.id);
  });

  await step("update applies changes and appends history atomically", async (s) => {
    const c = makeComplaint();
    await s.createComplaint(c);
    const entry = {
      at: "2026-09-05T00:00:00.000Z",
      actor: "ann",
      action: "status_changed",
      details: { from: "new", to: "resolved" },
    };
    const updated = await s.updateComplaint(c.id, { status: "resolved", assignee: "ann" }, [entry]);
    assert.equal(updated?.status, "resolved");
    assert.equal(updated?.assignee, "ann");
    assert.deepEqual(updated?.history.at(-1), entry);
    assert.equal(updated?.history.length, c.history.length + 1);
    const read = await s.getComplaint(c.id);
    assert.deepEqual(read, updated);
    assert.equal((await s.listComplaints(q({ status: "resolved" }))).total, 1);
    assert.equal(await s.updateComplaint("missing", { status: "closed" }, []), null);
  });

  await step("concurrent updates keep every history entry", async (s) => {
    const c = makeComplaint();
    await s.createComplaint(c);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        s.updateComplaint(c.id, {}, [{
          at: `2026-09-05T00:00:0${i}.000Z`,
          actor: "a",
          action: "note",
          details: { i },
        }])),
    );
    assert.equal((await s.getComplaint(c.id))?.history.length, c.history.length + 8);
  });

  await step("save replaces processed fields and keeps history", async (s) => {
    const c = makeComplaint({
      processing: {
        state: "failed",
        attempts: 1,
        lastError: "x",
        nextAttemptAt: "2026-09-01T00:00:00.000Z",
      },
    });
    await s.createComplaint(c);
    assert.deepEqual((await s.listRetryable("2026-09-02T00:00:00.000Z", 10)).map((r) => r.id), [
      c.id,
    ]);
    assert.deepEqual(await s.listRetryable("2026-08-30T00:00:00.000Z", 10), []);
    const extra = {
      at: "2026-09-03T00:00:00.000Z",
      actor: "system",
      action: "reprocessed",
      details: {},
    };
    await s.saveComplaint({
      ...c,
      category: "billing",
      processing: { state: "done", attempts: 2 },
      history: [extra],
    });
    const read = await s.getComplaint(c.id);
    assert.equal(read?.category, "billing");
    assert.deepEqual(read?.history, [...c.history, extra]);
    assert.deepEqual(await s.listRetryable("2026-09-02T00:00:00.000Z", 10), []);
  });

  await step(
    "save keeps the complaint's original messageId, in the document and its index",
    async (s) => {
      // The messageId is the complaint's identity: ingest de-duplicates on it, so a save (a retry
      // that rebuilt the complaint) must not move it, neither in what is read nor in what is found.
      const c = makeComplaint();
      await s.createComplaint(c);
      await s.saveComplaint({ ...c, messageId: "moved@example.test", subject: "Resaved" });
      const read = await s.getComplaint(c.id);
      assert.equal(read?.subject, "Resaved");
      assert.equal(read?.messageId, c.messageId);
      assert.equal((await s.findByMessageId(c.messageId))?.id, c.id);
      assert.deepEqual(await s.findByMessageId(c.messageId), read);
      assert.equal(await s.findByMessageId("moved@example.test"), null);
      const again = await s.createComplaint(makeComplaint({ messageId: "moved@example.test" }));
      assert.equal(again.created, true, "the new messageId was never taken");
      const resent = await s.createComplaint(makeComplaint({ messageId: c.messageId }));
      assert.deepEqual(resent, { complaint: read, created: false });
    },
  );

  await step(
    "update applies only changeable complaint fields and ignores any other key",
    async (s) => {
      const c = makeComplaint({ alertRetryAt: "2026-09-07T11:30:00.000Z" });
      await s.createComplaint(c);
      const changes = {
        status: "resolved",
        alertRetryAt: undefined,
        bogus: "x",
        "$set": { status: "closed" },
        id: "other-id",
        messageId: "other@example.test",
        createdAt: "2000-01-01T00:00:00.000Z",
        history: [],
      } as unknown as ComplaintUpdate;
      const updated = await s.updateComplaint(c.id, changes, []);
      const { alertRetryAt: _, ...expected } = { ...c, status: "resolved" as const };
      assert.deepEqual(updated, expected);
      assert.deepEqual(await s.getComplaint(c.id), expected);
      assert.equal(await s.getComplaint("other-id"), null);
      assert.equal((await s.findByMessageId(c.messageId))?.id, c.id);
    },
  );

  await step("processed-email update applies only known fields and keeps the key", async (s) => {
    const claim = makeClaim();
    await s.claimEmail(claim);
    await s.updateProcessedEmail(claim.key, {
      outcome: "created",
      reason: undefined,
      bogus: 1,
      key: "other-key",
    } as unknown as ProcessedEmailUpdate);
    assert.deepEqual(await s.getProcessedEmail(claim.key), { ...claim, outcome: "created" });
    assert.equal(await s.getProcessedEmail("other-key"), null);
  });

  await step("stats count by status, category, priority and day", async (s) => {
    await s.createComplaint(
      makeComplaint({
        status: "new",
        category: "billing",
        priority: "high",
        receivedAt: "2026-09-01T10:00:00.000Z",
      }),
    );
    await s.createComplaint(
      makeComplaint({
        status: "new",
        category: "quality",
        priority: "high",
        receivedAt: "2026-09-01T11:00:00.000Z",
      }),
    );
    await s.createComplaint(
      makeComplaint({
        status: "closed",
        category: "quality",
        priority: "low",
        receivedAt: "2026-09-02T10:00:00.000Z",
      }),
    );
    const stats = await s.stats();
    assert.equal(stats.total, 3);
    assert.equal(stats.byStatus.new, 2);
    assert.equal(stats.byStatus.closed, 1);
    assert.equal(stats.byStatus.duplicate, 0);
    assert.equal(stats.byCategory.quality, 2);
    assert.equal(stats.byPriority.high, 2);
    assert.deepEqual(stats.perDay, [{ day: "2026-09-01", count: 2 }, {
      day: "2026-09-02",
      count: 1,
    }]);
  });

  await step("finds a complaint by its ref", async (s) => {
    const c = makeComplaint();
    await s.createComplaint(c);
    assert.equal((await s.findByRef(c.ref))?.id, c.id);
    assert.equal(await s.findByRef("ZZZZZZ"), null);
    assert.equal(await s.findByRef(""), null);
  });

  await step("finds the oldest original by content hash within the window", async (s) => {
    const old = makeComplaint({ contentHash: "h1", receivedAt: "2026-08-01T00:00:00.000Z" });
    const first = makeComplaint({ contentHash: "h1", receivedAt: "2026-09-01T00:00:00.000Z" });
    const dup = makeComplaint({
      contentHash: "h1",
      status: "duplicate",
      receivedAt: "2026-08-31T00:00:00.000Z",
    });
    const later = makeComplaint({ contentHash: "h1", receivedAt: "2026-09-02T00:00:00.000Z" });
    for (const c of [old, first, dup, later]) await s.createComplaint(c);
    assert.equal((await s.findOriginalByHash("h1", "2026-08-25T00:00:00.000Z"))?.id, first.id);
    assert.equal(await s.findOriginalByHash("h2", "2026-01-01T00:00:00.000Z"), null);
  });

  await step(
    "duplicate candidates: same customer or a shared order number, recent originals only",
    async (s) => {
      const entities = (orderNumbers: string[]) => ({
        orderNumbers,
        amounts: [],
        dates: [],
        products: [],
        phones: [],
      });
      const mine = makeComplaint({
        customer: { email: "ann@example.test", name: "" },
        receivedAt: "2026-09-02T00:00:00.000Z",
      });
      const sharedOrder = makeComplaint({
        entities: entities(["ZE-1", "ZE-9"]),
        receivedAt: "2026-09-03T00:00:00.000Z",
      });
      const tooOld = makeComplaint({
        customer: { email: "ann@example.test", name: "" },
        receivedAt: "2026-07-01T00:00:00.000Z",
      });
      const duplicate = makeComplaint({
        customer: { email: "ann@example.test", name: "" },
        status: "duplicate",
        receivedAt: "2026-09-04T00:00:00.000Z",
      });
      const other = makeComplaint({
        entities: entities(["ZE-2"]),
        receivedAt: "2026-09-04T00:00:00.000Z",
      });
      for (const c of [mine, sharedOrder, tooOld, duplicate, other]) await s.createComplaint(c);
      const found = await s.duplicateCandidates({
        customerEmail: "Ann@Example.test",
        orderNumbers: ["ZE-1"],
        since: "2026-08-25T00:00:00.000Z",
        limit: 10,
      });
      assert.deepEqual(found.map((c) => c.id), [sharedOrder.id, mine.id]);
      // Matching both ways it is found once; the limit counts the newest of both together.
      const both = makeComplaint({
        customer: { email: "ann@example.test", name: "" },
        entities: entities(["ZE-1"]),
        receivedAt: "2026-09-05T00:00:00.000Z",
      });
      await s.createComplaint(both);
      const newest = await s.duplicateCandidates({
        customerEmail: "ann@example.test",
        orderNumbers: ["ZE-1"],
        since: "2026-08-25T00:00:00.000Z",
        limit: 2,
      });
      assert.deepEqual(newest.map((c) => c.id), [both.id, sharedOrder.id]);
      const none = await s.duplicateCandidates({
        customerEmail: "nobody@example.test",
        orderNumbers: [],
        since: "2026-01-01T00:00:00.000Z",
        limit: 10,
      });
      assert.deepEqual(none, []);
    },
  );

  await step(
    "customer complaints: by address (any status), order number or phone, newest first, bounded",
    async (s) => {
      const entities = (orderNumbers: string[], phones: string[]) => ({
        orderNumbers,
        amounts: [],
        dates: [],
        products: [],
        phones,
      });
      const at = (day: number) => `2026-09-0${day}T00:00:00.000Z`;
      const ann = (day: number, status: Complaint["status"]) =>
        makeComplaint({
          customer: { email: "ann@example.test", name: "Ann" },
          status,
          receivedAt: at(day),
        });
      const resolved = ann(1, "resolved");
      const duplicate = ann(2, "duplicate");
      const byOrder = makeComplaint({ entities: entities(["ZE-7"], []), receivedAt: at(3) });
      const byPhone = makeComplaint({
        entities: entities([], ["+77015551842"]),
        receivedAt: at(4),
      });
      const stranger = makeComplaint({
        entities: entities(["ZE-8"], ["+77015550000"]),
        receivedAt: at(5),
      });
      for (const c of [resolved, duplicate, byOrder, byPhone, stranger]) await s.createComplaint(c);
      const found = await s.customerComplaints({
        email: "ANN@example.test",
        orderNumbers: ["ZE-7"],
        phones: ["+77015551842"],
        limit: 10,
      });
      assert.deepEqual(found.map((c) => c.id), [byPhone.id, byOrder.id, duplicate.id, resolved.id]);
      const newest = await s.customerComplaints({
        email: "ann@example.test",
        orderNumbers: [],
        phones: [],
        limit: 1,
      });
      assert.deepEqual(newest.map((c) => c.id), [duplicate.id]);
      const byPhoneOnly = await s.customerComplaints({
        email: "",
        orderNumbers: [],
        phones: ["+77015551842"],
        limit: 10,
      });
      assert.deepEqual(byPhoneOnly.map((c) => c.id), [byPhone.id]);
      assert.deepEqual(
        await s.customerComplaints({ email: "", orderNumbers: [], phones: [], limit: 10 }),
        [],
      );
    },
  );

  await step("top customers by status, most first", async (s) => {
    const dup = (email: string) =>
      makeComplaint({ customer: { email, name: "" }, status: "duplicate" });
    for (const c of [dup("a@x.test"), dup("b@x.test"), dup("b@x.test"), makeComplaint()]) {
      await s.createComplaint(c);
    }
    assert.deepEqual(await s.topCustomers("duplicate", 5), [
      { email: "b@x.test", count: 2 },
      { email: "a@x.test", count: 1 },
    ]);
  });

  await step("counts processed emails from a sender since a time", async (s) => {
    const at = (t: string) => ({ receivedAt: t, updatedAt: t });
    await s.claimEmail(makeClaim({ from: "flood@x.test", ...at("2026-09-01T10:00:00.000Z") }));
    await s.claimEmail(makeClaim({ from: "flood@x.test", ...at("2026-09-01T10:30:00.000Z") }));
    await s.claimEmail(makeClaim({ from: "flood@x.test", ...at("2026-09-01T08:00:00.000Z") }));
    await s.claimEmail(makeClaim({ from: "other@x.test", ...at("2026-09-01T10:30:00.000Z") }));
    assert.equal(await s.countEmailsFrom("flood@x.test", "2026-09-01T09:30:00.000Z"), 2);
    assert.equal(await s.countEmailsFrom("nobody@x.test", "2026-01-01T00:00:00.000Z"), 0);
  });

  await step("processed emails: claim once, update, list, find stuck", async (s) => {
    const claim = makeClaim({
      receivedAt: "2026-09-01T00:00:00.000Z",
      updatedAt: "2026-09-01T00:00:00.000Z",
    });
    const first = await s.claimEmail(claim);
    const second = await s.claimEmail({ ...claim, complaintId: "other" });
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.record.complaintId, claim.complaintId);
    assert.deepEqual((await s.listStuckEmails("2026-09-02T00:00:00.000Z", 10)).map((r) => r.key), [
      claim.key,
    ]);
    await s.updateProcessedEmail(claim.key, {
      outcome: "created",
      updatedAt: "2026-09-01T00:00:01.000Z",
    });
    assert.equal((await s.getProcessedEmail(claim.key))?.outcome, "created");
    assert.deepEqual(await s.listStuckEmails("2026-09-02T00:00:00.000Z", 10), []);
    await s.claimEmail(makeClaim({ outcome: "ignored" }));
    const all = await s.listProcessedEmails({ page: 1, limit: 10 });
    assert.equal(all.total, 2);
    assert.equal(
      (await s.listProcessedEmails({ outcome: "ignored", page: 1, limit: 10 })).total,
      1,
    );
  });

  await step("parallel claims of one key: exactly one wins", async (s) => {
    const claim = makeClaim();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => s.claimEmail({ ...claim, complaintId: `c${i}` })),
    );
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(new Set(results.map((r) => r.record.complaintId)).size, 1);
  });

  await step("sessions: create, get as stored (expiry is the caller's), delete", async (s) => {
    const live = {
      id: "s1",
      email: "a@b.c",
      csrf: "x",
      createdAt: "2026-01-01T00:00:00.000Z",
      expiresAt: "2999-01-01T00:00:00.000Z",
    };
    await s.createSession(live);
    assert.deepEqual(await s.getSession("s1"), live);
    // Expired by any clock, still returned: lib/auth/session.ts decides expiry with ctx.now,
    // so no adapter judges it by its own clock.
    const expired = { ...live, id: "s2", expiresAt: "2000-01-01T00:00:00.000Z" };
    await s.createSession(expired);
    assert.deepEqual(await s.getSession("s2"), expired);
    await s.deleteSession("s1");
    assert.equal(await s.getSession("s1"), null);
    assert.deepEqual(await s.getSession("s2"), expired, "deleting one leaves the others");
    await s.deleteSession("s2");
    assert.equal(await s.getSession("s2"), null);
  });

  await runAgentContract(step);
  await runUsageContract(step);
  await runIncidentContract(step);
  await runSavedReplyContract(step);
}
