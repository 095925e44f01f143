import assert from "node:assert/strict";
import { ignoreAutomated, joinThread, linkRelated } from "./route_actions.ts";
import { parseConfig } from "../config.ts";
import { resolveSecrets } from "../secrets.ts";
import { type AppContext, createContext } from "../context.ts";
import { createLogger } from "../log.ts";
import { KeyedMutex } from "../keyed_mutex.ts";
import { parseEmail } from "../mime/parse.ts";
import { classifyAutomated } from "../routing/automated.ts";
import { makeClaim, makeComplaint } from "../../test/support/complaints.ts";
import { sampleEmail } from "../../test/support/app.ts";
import type { Complaint, ProcessedEmail } from "../schema/complaint.ts";

async function withContext(fn: (ctx: AppContext) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "route-test-" });
  const config = await resolveSecrets(parseConfig({ DATA_DIR: dir, LOG_LEVEL: "error" }), () => {});
  const ctx = await createContext(config, { log: createLogger("error") });
  try {
    await fn(ctx);
  } finally {
    await ctx.store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const parse = (raw: string) => parseEmail(new TextEncoder().encode(raw));

async function claimed(ctx: AppContext, o: Partial<ProcessedEmail> = {}) {
  const messageId = o.messageId ?? `${crypto.randomUUID()}@customer.test`;
  return (await ctx.store.claimEmail(makeClaim({ key: `mid:${messageId}`, messageId, ...o })))
    .record;
}

async function stored(ctx: AppContext, o: Partial<Complaint> = {}): Promise<Complaint> {
  return (await ctx.store.createComplaint(makeComplaint(o))).complaint;
}

function bounceFor(messageId: string, subject = "Undelivered Mail Returned to Sender"): string {
  const b = `r-${crypto.randomUUID()}`;
  return [
    "From: MAILER-DAEMON@mx.example.test",
    "To: support@example.test",
    `Subject: ${subject}`,
    `Message-ID: <${crypto.randomUUID()}@mx.example.test>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain",
    "",
    "Delivery to the following recipient failed permanently: gone@customer.test",
    `--${b}`,
    "Content-Type: message/delivery-status",
    "",
    "Final-Recipient: rfc822; gone@customer.test",
    "Action: failed",
    "Status: 5.1.1",
    `--${b}`,
    "Content-Type: text/rfc822-headers",
    "",
    "From: support@example.test",
    `Message-ID: <${messageId}>`,
    `--${b}--`,
    "",
  ].join("\r\n");
}

Deno.test("an ignored auto-reply is recorded with its reason and touches no complaint", async () => {
  await withContext(async (ctx) => {
    const c = await stored(ctx);
    const claim = await claimed(ctx, { complaintId: "preassigned" });
    const email = await parse(sampleEmail({ extraHeaders: ["Auto-Submitted: auto-replied"] }));
    await ignoreAutomated(ctx, claim, email, classifyAutomated(email)!);
    const record = await ctx.store.getProcessedEmail(claim.key);
    assert.equal(record?.outcome, "ignored");
    assert.equal(record?.complaintId, null);
    assert.match(record?.reason ?? "", /auto-reply: Auto-Submitted: auto-replied/);
    assert.equal((await ctx.store.getComplaint(c.id))?.history.length, 1);
  });
});

Deno.test("a bounce naming a complaint's Message-ID adds a bounce entry to that complaint", async () => {
  await withContext(async (ctx) => {
    const c = await stored(ctx);
    const original = await claimed(ctx, { complaintId: c.id, outcome: "created" });
    const other = await stored(ctx);
    const email = await parse(bounceFor(original.messageId!));
    await ignoreAutomated(ctx, await claimed(ctx), email, classifyAutomated(email)!);
    const bounced = (await ctx.store.getComplaint(c.id))!.history.filter((h) =>
      h.action === "bounce"
    );
    assert.equal(bounced.length, 1);
    assert.match(String(bounced[0].details.reason), /^bounce/);
    assert.match(String(bounced[0].details.from), /^mailer-daemon@mx\.example\.test$/i);
    assert.ok(
      !(await ctx.store.getComplaint(other.id))!.history.some((h) => h.action === "bounce"),
    );
  });
});

Deno.test("a bounce carrying a complaint's [#REF] in its subject is noted on that complaint", async () => {
  await withContext(async (ctx) => {
    const c = await stored(ctx);
    const email = await parse(
      bounceFor("unknown@shop.test", `Undeliverable: Re: [#${c.ref}] Your complaint`),
    );
    await ignoreAutomated(ctx, await claimed(ctx), email, classifyAutomated(email)!);
    const entries = (await ctx.store.getComplaint(c.id))!.history.map((h) => h.action);
    assert.deepEqual(entries, ["created", "bounce"]);
  });
});

Deno.test("a reply is appended to the thread with its own text and analysis", async () => {
  await withContext(async (ctx) => {
    const c = await stored(ctx, { priority: "low" });
    const claim = await claimed(ctx);
    const email = await parse(sampleEmail({
      messageId: claim.messageId!.replace("@customer.test", ""),
      from: "Anna <anna@customer.test>",
      subject: `Re: [#${c.ref}] My order`,
      body: "Still nothing. My order ZE-2026-031842 has not been delivered.",
    }));
    const updated = await joinThread(ctx, new KeyedMutex(), claim, email, c);
    assert.equal(updated.messages.length, 1);
    const m = updated.messages[0];
    assert.equal(m.messageId, claim.messageId);
    assert.equal(m.from, "anna@customer.test");
    assert.match(m.text, /Still nothing/);
    assert.ok(m.analysis, "the reply has its own analysis");
    const received = updated.history.find((h) => h.action === "reply_received");
    assert.equal(received?.details.messageId, claim.messageId);
    const record = await ctx.store.getProcessedEmail(claim.key);
    assert.equal(record?.outcome, "threaded");
    assert.equal(record?.complaintId, c.id);
  });
});

Deno.test("a customer reply reopens a resolved complaint: new without assignee, in progress with one", async () => {
  await withContext(async (ctx) => {
    for (
      const [assignee, expected] of [[null, "new"], ["agent@shop.test", "in_progress"]] as const
    ) {
      const c = await stored(ctx, { status: "resolved", assignee });
      const email = await parse(sampleEmail({ body: "It broke again." }));
      const updated = await joinThread(ctx, new KeyedMutex(), await claimed(ctx), email, c);
      assert.equal(updated.status, expected);
      const reopened = updated.history.find((h) => h.action === "reopened");
      assert.deepEqual(reopened?.details, {
        from: "resolved",
        to: expected,
        reason: "customer replied",
      });
    }
  });
});

Deno.test("a reply to an open complaint leaves its status alone", async () => {
  await withContext(async (ctx) => {
    const c = await stored(ctx, { status: "in_progress" });
    const email = await parse(sampleEmail({ body: "Any news?" }));
    const updated = await joinThread(ctx, new KeyedMutex(), await claimed(ctx), email, c);
    assert.equal(updated.status, "in_progress");
    assert.ok(!updated.history.some((h) => h.action === "reopened"));
  });
});

Deno.test("the customer's answer to a complaint waiting for them brings it back to in_progress", async () => {
  await withContext(async (ctx) => {
    const c = await stored(ctx, { status: "waiting" });
    const email = await parse(sampleEmail({ body: "Here is the photo you asked for." }));
    const updated = await joinThread(ctx, new KeyedMutex(), await claimed(ctx), email, c);
    assert.equal(updated.status, "in_progress");
    const entry = updated.history.find((h) => h.action === "status_changed");
    assert.deepEqual(entry?.details, {
      from: "waiting",
      to: "in_progress",
      reason: "customer replied",
    });
    assert.ok(!updated.history.some((h) => h.action === "reopened"));
  });
});

Deno.test("a reply can raise the complaint's priority but never lowers it", async () => {
  await withContext(async (ctx) => {
    const angry = "This is fraud! Someone used my card without permission, I will go to the " +
      "police and court. Order ZE-2026-031842.";
    const low = await stored(ctx, { priority: "low" });
    const raised = await joinThread(
      ctx,
      new KeyedMutex(),
      await claimed(ctx),
      await parse(sampleEmail({ body: angry })),
      low,
    );
    assert.notEqual(raised.priority, "low");
    assert.ok(raised.history.some((h) => h.action === "priority_changed"));
    const critical = await stored(ctx, { priority: "critical" });
    const kept = await joinThread(
      ctx,
      new KeyedMutex(),
      await claimed(ctx),
      await parse(sampleEmail({ body: "Thanks, all good now." })),
      critical,
    );
    assert.equal(kept.priority, "critical");
  });
});

Deno.test("concurrent replies to one complaint are all kept", async () => {
  await withContext(async (ctx) => {
    const c = await stored(ctx);
    const locks = new KeyedMutex();
    await Promise.all(
      Array.from(
        { length: 8 },
        async (_, i) =>
          joinThread(
            ctx,
            locks,
            await claimed(ctx),
            await parse(sampleEmail({ body: `reply ${i}` })),
            c,
          ),
      ),
    );
    const after = (await ctx.store.getComplaint(c.id))!;
    assert.equal(after.messages.length, 8);
    assert.equal(new Set(after.messages.map((m) => m.text.trim())).size, 8);
  });
});

Deno.test("a duplicate is listed once on its original, with a history entry there", async () => {
  await withContext(async (ctx) => {
    const original = await stored(ctx);
    const dup = await stored(ctx, { status: "duplicate", duplicateOf: original.id });
    const locks = new KeyedMutex();
    await linkRelated(ctx, locks, original, dup, "duplicate_received", {
      kind: "near",
      score: 0.61,
    });
    await linkRelated(ctx, locks, original, dup, "duplicate_received", {
      kind: "near",
      score: 0.61,
    });
    const after = (await ctx.store.getComplaint(original.id))!;
    assert.deepEqual(after.relatedComplaints, [dup.id]);
    const entries = after.history.filter((h) => h.action === "duplicate_received");
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0].details, { id: dup.id, kind: "near", score: 0.61 });
  });
});

Deno.test("concurrent duplicates of one original are all listed", async () => {
  await withContext(async (ctx) => {
    const original = await stored(ctx);
    const locks = new KeyedMutex();
    const dups = await Promise.all(
      Array.from({ length: 10 }, () => stored(ctx, { duplicateOf: original.id })),
    );
    await Promise.all(
      dups.map((d) => linkRelated(ctx, locks, original, d, "duplicate_received", {})),
    );
    const after = (await ctx.store.getComplaint(original.id))!;
    assert.deepEqual([...after.relatedComplaints].sort(), dups.map((d) => d.id).sort());
  });
});
