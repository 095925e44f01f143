import assert from "node:assert/strict";
import { findThread, isOnThread } from "./thread.ts";
import type { SqliteStore } from "../store/sqlite.ts";
import { withTempStore } from "../../test/support/store.ts";
import { makeClaim, makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint } from "../schema/complaint.ts";

/** A stored complaint and the processed-email record of the message that made it. */
async function complaintFrom(
  store: SqliteStore,
  messageId: string,
  extra: Partial<Complaint> = {},
): Promise<Complaint> {
  const c = makeComplaint({ messageId, ingestKey: `mid:${messageId}`, ...extra });
  await store.createComplaint(c);
  await store.claimEmail(
    makeClaim({ key: `mid:${messageId}`, messageId, complaintId: c.id, outcome: "created" }),
  );
  return c;
}

function reply(
  o: { inReplyTo?: string; references?: string[]; subject?: string; from?: string },
) {
  return {
    from: o.from ? { email: o.from, name: "" } : null,
    messageId: `${crypto.randomUUID()}@customer.test`,
    inReplyTo: o.inReplyTo,
    references: o.references ?? [],
    subject: o.subject ?? "Re: my order",
  };
}

Deno.test("a reply whose In-Reply-To names a complaint's message joins that complaint", async () => {
  await withTempStore(async (store) => {
    const c = await complaintFrom(store, "first@customer.test");
    const found = await findThread(store, reply({ inReplyTo: "first@customer.test" }));
    assert.equal(found?.complaint.id, c.id);
  });
});

Deno.test("a reply whose In-Reply-To is unknown (our agent's answer) joins through References", async () => {
  await withTempStore(async (store) => {
    const c = await complaintFrom(store, "first@customer.test");
    const found = await findThread(
      store,
      reply({
        inReplyTo: "agent-answer@shop.test",
        references: ["first@customer.test", "agent-answer@shop.test"],
      }),
    );
    assert.equal(found?.complaint.id, c.id);
  });
});

Deno.test("the newest referenced message wins when References name two complaints", async () => {
  await withTempStore(async (store) => {
    await complaintFrom(store, "older@customer.test");
    const newer = await complaintFrom(store, "newer@customer.test");
    const found = await findThread(
      store,
      reply({ references: ["older@customer.test", "newer@customer.test"] }),
    );
    assert.equal(found?.complaint.id, newer.id);
  });
});

Deno.test("a reply to a message that itself joined a thread joins the same complaint", async () => {
  await withTempStore(async (store) => {
    const c = await complaintFrom(store, "first@customer.test");
    await store.claimEmail(makeClaim({
      key: "mid:second@customer.test",
      messageId: "second@customer.test",
      complaintId: c.id,
      outcome: "threaded",
    }));
    const found = await findThread(store, reply({ inReplyTo: "second@customer.test" }));
    assert.equal(found?.complaint.id, c.id);
  });
});

Deno.test("a reply to a duplicate joins the duplicate's original", async () => {
  await withTempStore(async (store) => {
    const original = await complaintFrom(store, "first@customer.test");
    await complaintFrom(store, "resend@customer.test", {
      status: "duplicate",
      duplicateOf: original.id,
    });
    const found = await findThread(store, reply({ inReplyTo: "resend@customer.test" }));
    assert.equal(found?.complaint.id, original.id);
  });
});

Deno.test("a reply to an ignored message (no complaint) joins nothing", async () => {
  await withTempStore(async (store) => {
    await store.claimEmail(makeClaim({
      key: "mid:newsletter@list.test",
      messageId: "newsletter@list.test",
      complaintId: null,
      outcome: "ignored",
      reason: "bulk: List-Id header",
    }));
    assert.equal(await findThread(store, reply({ inReplyTo: "newsletter@list.test" })), null);
  });
});

Deno.test("a message listing its own id in References is not a reply to itself", async () => {
  await withTempStore(async (store) => {
    await complaintFrom(store, "self@customer.test");
    const found = await findThread(store, {
      from: null,
      messageId: "self@customer.test",
      inReplyTo: "self@customer.test",
      references: ["self@customer.test"],
      subject: "Broken kettle",
    });
    assert.equal(found, null);
  });
});

Deno.test("a subject carrying only the complaint's [#REF] joins it, in any letter case", async () => {
  await withTempStore(async (store) => {
    const c = await complaintFrom(store, "first@customer.test");
    for (const subject of [`Re: [#${c.ref}] Your complaint`, `[#${c.ref.toLowerCase()}]`]) {
      const found = await findThread(
        store,
        reply({ subject, from: c.customer.email.toUpperCase() }),
      );
      assert.equal(found?.complaint.id, c.id, subject);
      assert.equal(found?.joins, true);
    }
  });
});

Deno.test("a [#REF] from someone already on the complaint's thread joins it", async () => {
  await withTempStore(async (store) => {
    const c = await complaintFrom(store, "first@customer.test", {
      messages: [{
        messageId: "cc@colleague.test",
        from: "colleague@customer.test",
        subject: "Re: My order",
        text: "Same here",
        attachments: [],
        receivedAt: new Date().toISOString(),
      }],
    });
    const found = await findThread(
      store,
      reply({ subject: `Re: [#${c.ref}]`, from: "colleague@customer.test" }),
    );
    assert.equal(found?.joins, true);
  });
});

Deno.test("a [#REF] from a stranger names the complaint but does not join it", async () => {
  await withTempStore(async (store) => {
    const c = await complaintFrom(store, "first@customer.test");
    for (const from of ["stranger@elsewhere.test", undefined]) {
      const found = await findThread(
        store,
        reply({ subject: `Re: [#${c.ref}] URGENT lawsuit`, from }),
      );
      assert.equal(found?.complaint.id, c.id);
      assert.equal(found?.joins, false, String(from));
      assert.equal(found?.via, "ref");
    }
  });
});

Deno.test("a reply by In-Reply-To joins whoever sends it (the sender saw our message)", async () => {
  await withTempStore(async (store) => {
    const c = await complaintFrom(store, "first@customer.test");
    const found = await findThread(
      store,
      reply({ inReplyTo: "first@customer.test", from: "colleague@customer.test" }),
    );
    assert.equal(found?.complaint.id, c.id);
    assert.equal(found?.joins, true);
  });
});

Deno.test("an unknown [#REF] or a plain Re: subject without thread headers joins nothing", async () => {
  await withTempStore(async (store) => {
    await complaintFrom(store, "first@customer.test", { subject: "My order" });
    assert.equal(await findThread(store, reply({ subject: "Re: [#ZZZZZZ] My order" })), null);
    assert.equal(await findThread(store, reply({ subject: "Re: My order" })), null);
    assert.equal(await findThread(store, reply({ inReplyTo: "never-seen@x.test" })), null);
  });
});

Deno.test("our own replies do not put the support address on the thread (a forged From gets no say)", () => {
  const c = makeComplaint({ customer: { email: "aida@example.test", name: "" } });
  const base = { subject: "", text: "", attachments: [], receivedAt: "2026-09-07T10:00:00.000Z" };
  c.messages = [
    { ...base, direction: "outbound", messageId: "r1@shop.example", from: "help@shop.example" },
    { ...base, direction: "inbound", messageId: "c2@x.test", from: "bob@example.test" },
  ];
  assert.equal(isOnThread(c, "help@shop.example"), false);
  assert.equal(isOnThread(c, "Bob@example.test"), true);
  assert.equal(isOnThread(c, "aida@example.test"), true);
});
