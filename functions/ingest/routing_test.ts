import assert from "node:assert/strict";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import type { Alert, Notifier } from "../../lib/notify/port.ts";
import type { Complaint, ProcessedEmail } from "../../lib/schema/complaint.ts";

/** A notifier that records what it was asked to send (a fake of Telegram, an outside system). */
function recordingNotifier(): Notifier & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return {
    name: "recording",
    alerts,
    notify(alert: Alert) {
      alerts.push(alert);
      return Promise.resolve();
    },
    notifyIncident: () => Promise.resolve(),
  };
}

/** Every created complaint alerts at TELEGRAM_MIN_PRIORITY=low, so a missing alert means "held back". */
async function withApp(
  fn: (app: TestApp, alerts: Alert[]) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const notifier = recordingNotifier();
  const app = await startTestApp({ TELEGRAM_MIN_PRIORITY: "low", ...env }, { notifier });
  try {
    await fn(app, notifier.alerts);
  } finally {
    await app.stop();
  }
}

async function post(app: TestApp, raw: string) {
  const res = await app.ingest(raw);
  return { status: res.status, body: await res.json() };
}

async function complaint(app: TestApp, id: string): Promise<Complaint> {
  const res = await app.api(`/complaints/${id}`);
  assert.equal(res.status, 200);
  return await res.json();
}

async function ignoredRecords(app: TestApp): Promise<ProcessedEmail[]> {
  const res = await app.api("/processed-emails?outcome=ignored&limit=100");
  assert.equal(res.status, 200);
  return (await res.json()).items;
}

const ANNA = "Anna Petrova <anna@customer.test>";
const TV_RU = {
  from: ANNA,
  subject: "Заказ ZE-2026-031842 не доставлен",
  body: "Здравствуйте! Мой телевизор LG по заказу ZE-2026-031842 должен был прийти 2 сентября, " +
    "но его до сих пор нет. Курьер не берёт трубку. Прошу выяснить, где он.",
};
const TV_EN = {
  from: ANNA,
  subject: "Order ZE-2026-031842 not delivered",
  body: "Hello, my LG TV from order ZE-2026-031842 was due on 2 September and has not arrived. " +
    "The courier does not answer the phone. Please find out where it is.",
};

function mid(raw: string): string {
  return /^Message-ID: <([^>]+)>/im.exec(raw)![1];
}

Deno.test("the same complaint sent in Russian then in English is a duplicate: 201, no alert, listed on the original", async () => {
  await withApp(async (app, alerts) => {
    const first = await post(app, sampleEmail(TV_RU));
    assert.equal(first.status, 201);
    assert.equal(first.body.status, "new");
    const second = await post(app, sampleEmail(TV_EN));
    assert.equal(second.status, 201);
    assert.equal(second.body.status, "duplicate");
    assert.equal(second.body.duplicateOf, first.body.id);
    assert.notEqual(second.body.id, first.body.id);
    const original = await complaint(app, first.body.id);
    assert.deepEqual(original.relatedComplaints, [second.body.id]);
    assert.ok(original.history.some((h) => h.action === "duplicate_received"));
    const dup = await complaint(app, second.body.id);
    assert.equal(dup.duplicateOf, first.body.id);
    assert.equal(alerts.length, 1, "only the original alerts");
    assert.equal(alerts[0].complaint.id, first.body.id);
  });
});

Deno.test("a reworded resend from the same customer is a duplicate", async () => {
  await withApp(async (app) => {
    const first = await post(app, sampleEmail(TV_EN));
    const again = await post(
      app,
      sampleEmail({
        from: ANNA,
        subject: "Still waiting for ZE-2026-031842",
        body: "It is three days later and my order ZE-2026-031842 (the LG television) still " +
          "has not been delivered. Nobody from the courier picks up. Where is my TV?",
      }),
    );
    assert.equal(again.body.status, "duplicate");
    assert.equal(again.body.duplicateOf, first.body.id);
  });
});

Deno.test("an exact resend (new Message-ID, Re:/Fwd: prefix, whitespace changed) is a duplicate by content hash", async () => {
  await withApp(async (app) => {
    const first = await post(app, sampleEmail(TV_EN));
    const resend = await post(
      app,
      sampleEmail({
        ...TV_EN,
        subject: `Fwd: RE:   ${TV_EN.subject}`,
        body: `\r\n  ${TV_EN.body.replaceAll(" ", "  ").replace(". ", ".\r\n\r\n")}  \r\n`,
      }),
    );
    assert.equal(resend.status, 201);
    assert.equal(resend.body.duplicateOf, first.body.id);
    const dup = await complaint(app, resend.body.id);
    const detected = dup.history.find((h) => h.action === "duplicate_detected");
    assert.equal(detected?.details.kind, "exact");
  });
});

Deno.test("two different customers with different problems in similar generic wording are not duplicates", async () => {
  await withApp(async (app, alerts) => {
    const generic = (order: string) =>
      `Hello, I have a problem with my order ${order}. Please help me as soon as possible, ` +
      "I am very disappointed with your service.";
    const a = await post(
      app,
      sampleEmail({
        from: "bob@customer.test",
        subject: "Problem with my order",
        body: generic("ZE-2026-000111"),
      }),
    );
    const b = await post(
      app,
      sampleEmail({
        from: "carol@customer.test",
        subject: "Problem with my order",
        body: generic("ZE-2026-000222"),
      }),
    );
    assert.equal(a.body.status, "new");
    assert.equal(b.body.status, "new");
    assert.equal(b.body.duplicateOf, undefined);
    assert.equal(alerts.length, 2);
  });
});

Deno.test("the same customer writing about two different orders gets two complaints", async () => {
  await withApp(async (app) => {
    const a = await post(app, sampleEmail(TV_EN));
    const b = await post(
      app,
      sampleEmail({
        from: ANNA,
        subject: "Order ZE-2026-099999 not delivered",
        body: TV_EN.body.replaceAll("ZE-2026-031842", "ZE-2026-099999"),
      }),
    );
    assert.equal(a.body.status, "new");
    assert.equal(b.body.status, "new");
  });
});

Deno.test("a forward of the customer's own earlier complaint within the window is a duplicate of it", async () => {
  await withApp(async (app) => {
    const original = sampleEmail(TV_EN);
    const first = await post(app, original);
    const forward = sampleEmail({
      from: ANNA,
      subject: `Fwd: ${TV_EN.subject}`,
      body: [
        "Forwarding my complaint again, nobody has answered.",
        "",
        "---------- Forwarded message ---------",
        `From: ${ANNA}`,
        "Date: Mon, 7 Sep 2026 at 10:00",
        `Subject: ${TV_EN.subject}`,
        "To: support@example.test",
        "",
        TV_EN.body,
      ].join("\r\n"),
    });
    const fwd = await post(app, forward);
    assert.equal(fwd.status, 201);
    assert.equal(fwd.body.status, "duplicate", JSON.stringify(fwd.body));
    assert.equal(fwd.body.duplicateOf, first.body.id);
  });
});

Deno.test("a forward with the customer's earlier complaint attached as a message is a duplicate of it", async () => {
  await withApp(async (app) => {
    const original = sampleEmail(TV_EN);
    const first = await post(app, original);
    const b = `f-${crypto.randomUUID()}`;
    const forward = [
      `From: ${ANNA}`,
      "To: support@example.test",
      `Subject: Fwd: ${TV_EN.subject}`,
      "Date: Thu, 10 Sep 2026 09:00:00 +0500",
      `Message-ID: <${crypto.randomUUID()}@customer.test>`,
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${b}"`,
      "",
      `--${b}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Sending my complaint again, see attached. Nobody has answered about the delivery.",
      `--${b}`,
      'Content-Type: message/rfc822; name="complaint.eml"',
      'Content-Disposition: attachment; filename="complaint.eml"',
      "",
      original,
      `--${b}--`,
      "",
    ].join("\r\n");
    const fwd = await post(app, forward);
    assert.equal(fwd.status, 201);
    assert.equal(fwd.body.status, "duplicate", JSON.stringify(fwd.body));
    assert.equal(fwd.body.duplicateOf, first.body.id);
  });
});

Deno.test("a quoted reply naming an earlier message joins its thread: 200, appended, resolved complaint reopened", async () => {
  await withApp(async (app, alerts) => {
    const original = sampleEmail(TV_EN);
    const first = await post(app, original);
    const patched = await app.api(`/complaints/${first.body.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "resolved" }),
    });
    assert.equal(patched.status, 200);
    const reply = sampleEmail({
      from: ANNA,
      subject: `Re: ${TV_EN.subject}`,
      extraHeaders: [`In-Reply-To: <${mid(original)}>`, `References: <${mid(original)}>`],
      body: [
        "You marked this resolved but the TV has still not arrived.",
        "",
        "On Mon, 7 Sep 2026 at 10:00, Anna Petrova <anna@customer.test> wrote:",
        ...TV_EN.body.split(". ").map((l) => `> ${l}`),
      ].join("\r\n"),
    });
    const res = await post(app, reply);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { id: first.body.id, threaded: true });
    const c = await complaint(app, first.body.id);
    assert.equal(c.messages.length, 1);
    assert.equal(c.messages[0].messageId, mid(reply));
    assert.match(c.messages[0].text, /still not arrived/);
    assert.equal(c.status, "new");
    assert.ok(c.history.some((h) => h.action === "reopened" && h.details.from === "resolved"));
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);
    assert.equal(alerts.length, 1, "a reply raises no new alert");
    // A reply to the reply (References carries the chain) joins the same complaint.
    const second = sampleEmail({
      from: ANNA,
      subject: `Re: Re: ${TV_EN.subject}`,
      extraHeaders: [
        `In-Reply-To: <${mid(reply)}>`,
        `References: <${mid(original)}> <${mid(reply)}>`,
      ],
      body: "And a third time: where is it?",
    });
    assert.deepEqual((await post(app, second)).body, { id: first.body.id, threaded: true });
    assert.equal((await complaint(app, first.body.id)).messages.length, 2);
  });
});

Deno.test("a reply carrying only [#REF] in its subject joins that complaint", async () => {
  await withApp(async (app) => {
    const first = await post(app, sampleEmail(TV_EN));
    const c = await complaint(app, first.body.id);
    const res = await post(
      app,
      sampleEmail({
        from: ANNA,
        subject: `Re: [#${c.ref}] We are looking into it`,
        body: "Thank you, please hurry.",
      }),
    );
    assert.deepEqual(res.body, { id: c.id, threaded: true });
    assert.equal((await complaint(app, c.id)).messages.length, 1);
  });
});

Deno.test("the same person from another address (same display name, shared order) is a duplicate", async () => {
  await withApp(async (app, alerts) => {
    const first = await post(app, sampleEmail(TV_EN));
    const again = await post(
      app,
      sampleEmail({
        from: "Anna Petrova <anna.petrova@work.test>",
        subject: "ZE-2026-031842 still missing",
        body: "Writing from my work address: my LG TV, order ZE-2026-031842, has still not " +
          "arrived and the courier does not pick up.",
      }),
    );
    assert.equal(again.status, 201);
    assert.equal(again.body.duplicateOf, first.body.id);
    assert.equal(alerts.length, 1, "no second alert");
    // Another name about the same order is someone else (a family member, a colleague).
    const other = await post(
      app,
      sampleEmail({
        from: "Ivan Petrov <ivan@work.test>",
        subject: "ZE-2026-031842 charged twice",
        body: "I was charged twice for order ZE-2026-031842, please refund one payment.",
      }),
    );
    assert.equal(other.body.duplicateOf, undefined);
  });
});

Deno.test("a stranger's mail naming a complaint's [#REF] makes its own complaint linked to it", async () => {
  await withApp(async (app) => {
    const first = await post(
      app,
      sampleEmail({
        from: ANNA,
        subject: "Question about my invoice",
        body: "Could you resend my invoice, please?",
      }),
    );
    const before = await complaint(app, first.body.id);
    assert.notEqual(before.priority, "critical");
    await app.api(`/complaints/${before.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "resolved" }),
    });
    const res = await post(
      app,
      sampleEmail({
        from: "Mallory <mallory@elsewhere.test>",
        subject: `Re: [#${before.ref}] URGENT lawsuit`,
        body: "This is URGENT. We will sue you, our lawyer is filing a lawsuit in court today!",
      }),
    );
    assert.equal(res.status, 201);
    assert.notEqual(res.body.id, before.id);
    const named = await complaint(app, before.id);
    assert.equal(named.priority, before.priority, "a stranger cannot raise the priority");
    assert.equal(named.status, "resolved", "nor reopen it");
    assert.equal(named.messages.length, 0, "nor write into its thread");
    assert.deepEqual(named.relatedComplaints, [res.body.id]);
    assert.ok(named.history.some((h) => h.action === "referenced_by"));
    const stranger = await complaint(app, res.body.id);
    assert.equal(stranger.customer.email, "mallory@elsewhere.test");
    assert.deepEqual(stranger.relatedComplaints, [before.id]);
    const note = stranger.history.find((h) => h.action === "references_complaint");
    assert.equal(note?.details.ref, before.ref);

    // The customer herself still joins by reference.
    const own = await post(
      app,
      sampleEmail({ from: ANNA, subject: `Re: [#${before.ref}] invoice`, body: "Any news?" }),
    );
    assert.deepEqual(own.body, { id: before.id, threaded: true });
  });
});

Deno.test("auto-replies are ignored (200, no id) with their reasons in /processed-emails", async () => {
  await withApp(async (app, alerts) => {
    const cases: [string[], string, RegExp][] = [
      [["Auto-Submitted: auto-replied"], "Re: Your complaint", /Auto-Submitted/],
      [["X-Autoreply: yes"], "Re: Your complaint", /x-autoreply/i],
      [[], "Out of Office: Re: Order ZE-2026-031842", /out-of-office/],
      [[], "Автоответ: Заказ ZE-2026-031842", /out-of-office/],
      [[], "Я в отпуске до 14 октября", /out-of-office/],
    ];
    for (const [extraHeaders, subject, reason] of cases) {
      const res = await post(
        app,
        sampleEmail({ from: "partner@logistics.test", subject, extraHeaders }),
      );
      assert.equal(res.status, 200, subject);
      assert.equal(res.body.id, undefined, subject);
      assert.match(res.body.ignored, reason, subject);
    }
    const records = await ignoredRecords(app);
    assert.equal(records.length, cases.length);
    for (const r of records) assert.match(r.reason ?? "", /^auto-reply: /);
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 0);
    assert.equal(alerts.length, 0);
  });
});

Deno.test("bulk and list mail (Precedence, List-Id, List-Unsubscribe) is ignored", async () => {
  await withApp(async (app) => {
    for (
      const header of [
        "Precedence: bulk",
        "List-Id: Shop news <news.shop.test>",
        "List-Unsubscribe: <https://news.shop.test/unsub>",
      ]
    ) {
      const res = await post(
        app,
        sampleEmail({
          from: "news@news.shop.test",
          subject: "Refunds and delivery: this week's digest",
          extraHeaders: [header],
        }),
      );
      assert.equal(res.status, 200, header);
      assert.match(res.body.ignored, /^bulk: /, header);
    }
    assert.equal((await ignoredRecords(app)).length, 3);
  });
});

Deno.test("an auto-reply to a duplicate is ignored, not threaded onto the original", async () => {
  await withApp(async (app) => {
    const first = await post(app, sampleEmail(TV_RU));
    const resend = sampleEmail(TV_EN);
    const dup = await post(app, resend);
    assert.equal(dup.body.duplicateOf, first.body.id);
    for (
      const [subject, extraHeaders] of [
        ["Re: Order ZE-2026-031842 not delivered", ["Auto-Submitted: auto-replied"]],
        ["Automatic reply: Order ZE-2026-031842 not delivered", []],
      ] as const
    ) {
      const res = await post(
        app,
        sampleEmail({
          from: ANNA,
          subject,
          extraHeaders: [...extraHeaders, `In-Reply-To: <${mid(resend)}>`],
          body: "I am away until Monday.",
        }),
      );
      assert.equal(res.status, 200);
      assert.match(res.body.ignored, /^auto-reply/);
      assert.equal(res.body.threaded, undefined);
    }
    assert.equal((await complaint(app, first.body.id)).messages.length, 0);
  });
});

function bounceFor(messageId: string): string {
  const b = `r-${crypto.randomUUID()}`;
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>",
    "To: support@example.test",
    "Subject: Undelivered Mail Returned to Sender",
    "Date: Mon, 07 Sep 2026 10:05:00 +0500",
    `Message-ID: <${crypto.randomUUID()}@mx.customer.test>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "This is the mail system at host mx.customer.test.",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "<anna@customer.test>: mailbox full",
    "",
    `--${b}`,
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.customer.test",
    "",
    "Final-Recipient: rfc822; anna@customer.test",
    "Action: failed",
    "Status: 5.2.2",
    "",
    `--${b}`,
    "Content-Type: message/rfc822",
    "",
    "From: Anna Petrova <anna@customer.test>",
    "To: support@example.test",
    "Subject: Order ZE-2026-031842 not delivered",
    `Message-ID: <${messageId}>`,
    "",
    "Hello, my LG TV has not arrived.",
    "",
    `--${b}--`,
    "",
  ].join("\r\n");
}

Deno.test("a bounce naming a complaint's Message-ID is ignored and noted on that complaint", async () => {
  await withApp(async (app, alerts) => {
    const original = sampleEmail(TV_EN);
    const first = await post(app, original);
    const res = await post(app, bounceFor(mid(original)));
    assert.equal(res.status, 200);
    assert.match(res.body.ignored, /^bounce/);
    const c = await complaint(app, first.body.id);
    const bounce = c.history.filter((h) => h.action === "bounce");
    assert.equal(bounce.length, 1);
    assert.equal(c.messages.length, 0, "a bounce is not a customer reply");
    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);
    assert.equal(alerts.length, 1);
    const [record] = await ignoredRecords(app);
    assert.match(record.reason ?? "", /^bounce/);
  });
});

Deno.test("re-posting an ignored or a threaded message answers the same again", async () => {
  await withApp(async (app) => {
    const auto = sampleEmail({ extraHeaders: ["Auto-Submitted: auto-replied"] });
    const firstAuto = await post(app, auto);
    const againAuto = await post(app, auto);
    assert.deepEqual(againAuto, firstAuto);
    const original = sampleEmail(TV_EN);
    const created = await post(app, original);
    const reply = sampleEmail({
      from: ANNA,
      subject: `Re: ${TV_EN.subject}`,
      extraHeaders: [`In-Reply-To: <${mid(original)}>`],
      body: "Any news?",
    });
    const firstReply = await post(app, reply);
    const againReply = await post(app, reply);
    assert.deepEqual(firstReply, { status: 200, body: { id: created.body.id, threaded: true } });
    assert.deepEqual(againReply, firstReply);
    assert.equal((await complaint(app, created.body.id)).messages.length, 1, "appended once");
    assert.equal((await ignoredRecords(app)).length, 1);
  });
});

Deno.test("50 concurrent near-identical posts from one customer: one original, 49 duplicates pointing at it", async () => {
  await withApp(async (app, alerts) => {
    const posts = Array.from({ length: 50 }, (_, i) =>
      post(
        app,
        sampleEmail({
          ...TV_EN,
          subject: i % 2 ? TV_EN.subject : `URGENT: ${TV_EN.subject}`,
          body: `${TV_EN.body}${i % 3 ? "" : " Please answer today."}${" ".repeat(i % 4)}`,
        }),
      ));
    const results = await Promise.all(posts);
    for (const r of results) assert.equal(r.status, 201);
    const originals = results.filter((r) => r.body.status !== "duplicate");
    assert.equal(originals.length, 1, JSON.stringify(originals.map((o) => o.body)));
    const originalId = originals[0].body.id;
    const dups = results.filter((r) => r.body.status === "duplicate");
    assert.equal(dups.length, 49);
    for (const d of dups) assert.equal(d.body.duplicateOf, originalId);
    const original = await complaint(app, originalId);
    assert.equal(original.relatedComplaints.length, 49);
    assert.deepEqual(
      [...original.relatedComplaints].sort(),
      dups.map((d) => d.body.id).sort(),
    );
    assert.equal(alerts.length, 1);
  }, { FLOOD_MAX_PER_HOUR: "1000" });
});

const FLOOD_TOPICS = [
  ["Kettle lid cracked", "My kettle arrived with a cracked lid and leaks water."],
  [
    "Wrong invoice address",
    "The invoice shows my old address, please correct the billing details.",
  ],
  ["Mobile app login fails", "I cannot log in to the mobile application, it shows error 500."],
  ["Courier was rude", "The courier shouted at my grandmother during the delivery yesterday."],
  ["Refund not received", "I returned the blender two weeks ago and still have no refund."],
];

Deno.test("more than FLOOD_MAX_PER_HOUR messages from one sender: later ones are tagged flood and raise no alert", async () => {
  await withApp(async (app, alerts) => {
    const ids: string[] = [];
    for (const [subject, body] of FLOOD_TOPICS) {
      const res = await post(app, sampleEmail({ from: "loud@customer.test", subject, body }));
      assert.equal(res.status, 201);
      assert.equal(res.body.status, "new", `${subject}: ${JSON.stringify(res.body)}`);
      ids.push(res.body.id);
    }
    const tagged = [];
    for (const id of ids) tagged.push((await complaint(app, id)).tags.includes("flood"));
    assert.deepEqual(tagged, [false, false, false, true, true]);
    const flagged = await complaint(app, ids[3]);
    assert.ok(flagged.history.some((h) => h.action === "flood_flagged"));
    assert.deepEqual(alerts.map((a) => a.complaint.id), ids.slice(0, 3));
    // Another sender is not affected.
    const other = await post(app, sampleEmail({ from: "calm@customer.test" }));
    assert.ok(!(await complaint(app, other.body.id)).tags.includes("flood"));
  }, { FLOOD_MAX_PER_HOUR: "3" });
});

Deno.test({
  name: "the flood cap counts one sender however the address's letters are cased",

  fn: () =>
    withApp(async (app) => {
      const ids: string[] = [];
      for (const [i, [subject, body]] of FLOOD_TOPICS.entries()) {
        const from = i % 2 ? "Loud@Customer.TEST" : "loud@customer.test";
        ids.push((await post(app, sampleEmail({ from, subject, body }))).body.id);
      }
      const last = await complaint(app, ids[4]);
      assert.equal(last.customer.email, "loud@customer.test");
      assert.ok(last.tags.includes("flood"), "the fifth message in an hour passes a cap of 3");
    }, { FLOOD_MAX_PER_HOUR: "3" }),
});

Deno.test({
  name: "processed emails can be listed by the duplicate and threaded outcomes",

  fn: () =>
    withApp(async (app) => {
      const original = sampleEmail(TV_EN);
      const first = await post(app, original);
      const dup = await post(app, sampleEmail(TV_RU));
      const reply = sampleEmail({
        from: ANNA,
        subject: `Re: ${TV_EN.subject}`,
        extraHeaders: [`In-Reply-To: <${mid(original)}>`],
        body: "Any news?",
      });
      await post(app, reply);
      const byOutcome = async (outcome: string) => {
        const res = await app.api(`/processed-emails?outcome=${outcome}`);
        assert.equal(res.status, 200, outcome);
        return (await res.json()).items as ProcessedEmail[];
      };
      const [duplicate] = await byOutcome("duplicate");
      assert.equal(duplicate.complaintId, dup.body.id);
      assert.equal(duplicate.reason, `duplicate of ${first.body.id}`);
      const [threaded] = await byOutcome("threaded");
      assert.equal(threaded.messageId, mid(reply));
      assert.equal(threaded.complaintId, first.body.id);
    }),
});
