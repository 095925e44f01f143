import assert from "node:assert/strict";
import { Browser, startServer, type TestServer } from "./web_server.ts";
import { seedComplaint } from "./seed.ts";
import { seedAgent } from "../../test/support/agents.ts";

const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function withQueue(fn: (s: TestServer, b: Browser, csrf: string) => Promise<void>) {
  const s = await startServer();
  try {
    const b = new Browser(s.base);
    await b.login();
    const page = await b.text("/complaints");
    await fn(s, b, /name="_csrf" value="([^"]+)"/.exec(page)![1]);
  } finally {
    await s.close();
  }
}

/** POST a form whose fields may repeat (the bulk form's ids). */
function post(b: Browser, path: string, fields: [string, string][]): Promise<Response> {
  return b.fetch(path, { method: "POST", body: new URLSearchParams(fields) });
}

Deno.test("the queue is sorted by SLA due time by default, and the views filter it: due in 1 h, low confidence, overdue", () =>
  withQueue(async (s, b) => {
    await seedComplaint(s.ctx, { subject: "Parcel later", slaDueAt: at(300), confidence: 0.9 });
    await seedComplaint(s.ctx, { subject: "Parcel soon", slaDueAt: at(30), confidence: 0.9 });
    await seedComplaint(s.ctx, { subject: "Parcel unsure", slaDueAt: at(90), confidence: 0.2 });
    await seedComplaint(s.ctx, { subject: "Parcel late", slaDueAt: at(-10), confidence: 0.9 });
    const html = await b.text("/complaints");
    const order = ["Parcel late", "Parcel soon", "Parcel unsure", "Parcel later"].map((t) =>
      html.indexOf(t)
    );
    assert.deepEqual([...order].sort((x, y) => x - y), order, "soonest due first");
    assert.ok(order.every((i) => i > 0));
    const newest = await b.text("/complaints?sort=newest");
    assert.ok(
      newest.indexOf("Parcel late") < newest.indexOf("Parcel later"),
      "newest first on demand",
    );

    const soon = await b.text("/complaints?sla=due_within_hour");
    assert.ok(soon.includes("Parcel soon") && !soon.includes("Parcel unsure"));
    assert.match(soon, /aria-current="page" data-view="due_1h"/);
    const unsure = await b.text("/complaints?confidenceBelow=0.5");
    assert.ok(unsure.includes("Parcel unsure") && !unsure.includes("Parcel soon"));
    assert.match(unsure, /aria-current="page" data-view="low_confidence"/);
    for (const view of ["Mine", "Unassigned", "Overdue", "Due in 1 h", "Needs attention"]) {
      assert.ok(html.includes(`>${view}</a>`), view);
    }
  }));

Deno.test("an agent saves the current filters as a view of their own, finds it in the views and deletes it", () =>
  withQueue(async (_s, b, csrf) => {
    const saved = await post(b, "/complaints?category=billing&sort=priority", [
      ["_csrf", csrf],
      ["_action", "save_view"],
      ["name", "Billing first"],
    ]);
    assert.equal(saved.status, 200);
    const html = await saved.text();
    assert.match(html, /View “Billing first” saved\./);
    assert.match(
      html,
      /href="\/complaints\?category=billing&amp;sort=priority"[^>]*>Billing first</,
    );
    const again = await b.text("/complaints?category=billing&sort=priority");
    assert.match(again, /aria-current="page">Billing first</);
    const gone = await post(b, "/complaints", [
      ["_csrf", csrf],
      ["_action", "delete_view"],
      ["name", "Billing first"],
    ]);
    assert.ok(!(await gone.text()).includes(">Billing first<"));
  }));

Deno.test("bulk actions on chosen complaints: assign, status, priority, and a saved reply filled for each; failures are reported", () =>
  withQueue(async (s, b, csrf) => {
    await seedAgent(s.ctx, { email: "bea@example.com", name: "Bea", role: "agent" });
    const one = await seedComplaint(s.ctx, {
      subject: "One",
      customer: { email: "ann@example.net", name: "Ann" },
    });
    const two = await seedComplaint(s.ctx, {
      subject: "Two",
      customer: { email: "bob@example.net", name: "Bob" },
    });
    const bulk = (op: string, extra: [string, string][], ids = [one.id, two.id]) =>
      post(b, "/complaints", [
        ["_csrf", csrf],
        ["_action", "bulk"],
        ["op", op],
        ...extra,
        ...ids.map((id): [string, string] => ["ids", id]),
      ]);
    const assigned = await bulk("assign", [["assignee", "bea@example.com"]]);
    assert.match(await assigned.text(), /2 of 2 complaints done\./);
    const prio = await bulk("priority", [["priority", "critical"]]);
    assert.match(await prio.text(), /2 of 2 complaints done\./);
    for (const c of [one, two]) {
      const now = (await s.ctx.store.getComplaint(c.id))!;
      assert.equal(now.assignee, "bea@example.com");
      assert.equal(now.priority, "critical");
      assert.ok(
        now.history.some((h) => h.action === "assigned" && h.actor === "agent@example.com"),
      );
    }
    const reply = await s.ctx.store.createSavedReply({
      id: "sr1",
      title: "We are on it",
      body: "Hello {{customer.name}}, we are on it ({{ref}}).",
      team: "",
      createdBy: "agent@example.com",
      createdAt: at(0),
      updatedAt: at(0),
    }).then(() => "sr1");
    const replied = await bulk("reply", [["reply", reply]], [one.id, two.id, "missing-id"]);
    const html = await replied.text();
    // No SMTP on this server: kept in the outbox is not "sent", and the page does not say done.
    assert.match(
      html,
      /0 of 3 replies sent; 2 not sent: no SMTP configured \(kept in the outbox\); 1 not sent\./,
    );
    assert.doesNotMatch(html, /complaints done/);
    assert.match(html, /missing-id: no such complaint/);
    for (const [c, name] of [[one, "Ann"], [two, "Bob"]] as const) {
      const now = (await s.ctx.store.getComplaint(c.id))!;
      const out = now.messages.find((m) => m.direction === "outbound")!;
      assert.equal(out.text, `Hello ${name}, we are on it (#${now.ref}).`);
      assert.equal(now.status, "waiting");
    }
    const status = await bulk("status", [["status", "resolved"]]);
    assert.match(await status.text(), /2 of 2 complaints done\./);
    const none = await post(b, "/complaints", [["_csrf", csrf], ["_action", "bulk"], [
      "op",
      "status",
    ]]);
    assert.equal(none.status, 422);
    assert.match(await none.text(), /Choose complaints first/);
  }));

Deno.test("bulk: more than 100 chosen complaints are refused with 422 naming the limit; nothing changes and the chosen rows stay checked", () =>
  withQueue(async (s, b, csrf) => {
    const one = await seedComplaint(s.ctx, { subject: "One", priority: "low" });
    const two = await seedComplaint(s.ctx, { subject: "Two", priority: "low" });
    const ids = [one.id, two.id, ...Array.from({ length: 99 }, (_, i) => `elsewhere-${i}`)];
    const refused = await post(b, "/complaints", [
      ["_csrf", csrf],
      ["_action", "bulk"],
      ["op", "priority"],
      ["priority", "critical"],
      ...ids.map((id): [string, string] => ["ids", id]),
    ]);
    assert.equal(refused.status, 422);
    const html = await refused.text();
    assert.match(html, /role="alert">At most 100 complaints at a time; 101 were chosen\./);
    assert.doesNotMatch(html, /complaints? done/);
    for (const c of [one, two]) {
      assert.equal((await s.ctx.store.getComplaint(c.id))!.priority, "low", "untouched");
      assert.match(html, new RegExp(`value="${c.id}"[^>]*checked`), "still chosen");
    }
    assert.match(html, /at most 100 at a time/, "the form says the limit");
  }));
