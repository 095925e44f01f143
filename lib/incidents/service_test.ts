import assert from "node:assert/strict";
import { startFakeTelegram } from "../../test/fakes/telegram.ts";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import { runJobsOnce } from "../jobs.ts";

const SHOPAPP = [
  ["ShopApp crashes at login", "Since this morning ShopApp closes as soon as I try to log in."],
  ["Cannot log in to ShopApp", "ShopApp crashes every time I enter my password at login."],
  ["ShopApp вылетает при входе", "С утра приложение ShopApp закрывается, когда я пытаюсь войти."],
  ["ShopApp login crash", "ShopApp crashes on the login screen since the update."],
  ["Не могу войти в ShopApp", "ShopApp вылетает при входе в аккаунт, переустановка не помогла."],
  ["ShopApp keeps crashing at login", "Every login attempt in ShopApp ends with a crash."],
];

async function post(app: TestApp, n: number, subject: string, body: string): Promise<string> {
  const res = await app.ingest(sampleEmail({
    messageId: `incident-${n}`,
    from: `Customer ${n} <customer${n}@example.test>`,
    subject,
    body,
  }));
  const answer = await res.json();
  assert.equal(res.status, 201, JSON.stringify(answer));
  return answer.id;
}

Deno.test("five customers reporting one outage form an incident: one alert with the count, edited as a sixth joins (no alert of its own); unrelated mail stays out; resolving it resolves every member with the note", async () => {
  const tg = await startFakeTelegram();
  const app = await startTestApp({
    ...tg.env,
    TELEGRAM_MIN_PRIORITY: "low", // every complaint alone would alert
    INCIDENT_ALERT_EDIT_SECONDS: "0", // every join edits (the throttle has its own test)
  });
  const sent = () => tg.calls.filter((c) => c.method === "sendMessage");
  try {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await post(app, i, SHOPAPP[i][0], SHOPAPP[i][1]));
    assert.equal(sent().length, 4, "four complaints, four alerts, no incident yet");
    assert.deepEqual((await (await app.api("/incidents")).json()).items, []);

    ids.push(await post(app, 4, SHOPAPP[4][0], SHOPAPP[4][1]));
    assert.equal(sent().length, 5, "the fifth: the incident's alert, not its own");
    const announced = sent()[4].params.text as string;
    assert.match(announced, /Incident: 5 customers report/);
    assert.match(announced, /\/incidents\//);

    const unrelated = await post(
      app,
      9,
      "Website search is slow",
      "Search takes a minute to load.",
    );
    assert.equal(sent().length, 6, "unrelated mail alerts on its own");

    ids.push(await post(app, 5, SHOPAPP[5][0], SHOPAPP[5][1]));
    assert.equal(sent().length, 6, "the sixth member sends nothing new");
    const edit = tg.calls.findLast((c) => c.method === "editMessageText")!;
    assert.match(edit.params.text, /Incident: 6 customers report/);

    const [incident] = (await (await app.api("/incidents?status=open")).json()).items;
    assert.equal(incident.customerCount, 6);
    assert.equal(incident.memberCount, 6);
    assert.equal(incident.category, "technical");
    const one = await (await app.api(`/incidents/${incident.id}`)).json();
    assert.deepEqual(one.members.map((m: { id: string }) => m.id).sort(), [...ids].sort());
    assert.equal(one.membersTotal, 6);
    const paged = await (await app.api(`/incidents/${incident.id}?limit=4&page=2`)).json();
    assert.equal(paged.members.length, 2, "the oldest two on the second page of four");
    assert.equal(paged.membersTotal, 6);
    const member = await (await app.api(`/complaints/${ids[5]}`)).json();
    assert.equal(member.incidentId, incident.id);
    assert.ok(member.history.some((h: { action: string }) => h.action === "incident_joined"));
    assert.equal((await (await app.api(`/complaints/${unrelated}`)).json()).incidentId, undefined);

    const post_ = (id: string, body: unknown) =>
      app.api(`/incidents/${id}/resolve`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const empty = await post_(incident.id, { note: " " });
    assert.equal(empty.status, 422);
    await empty.body?.cancel();
    const unknown = await post_("nope", { note: "x" });
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();
    const resolved = await post_(incident.id, { note: "ShopApp 4.2.1 fixes the login crash." });
    assert.equal(resolved.status, 200);
    assert.equal((await resolved.json()).status, "resolved");
    for (const id of ids) {
      const c = await (await app.api(`/complaints/${id}`)).json();
      assert.equal(c.status, "resolved");
      const note = c.history.find((h: { action: string }) => h.action === "note");
      assert.equal(note.details.text, "ShopApp 4.2.1 fixes the login crash.");
    }
    assert.match(
      tg.calls.findLast((c) => c.method === "editMessageText")!.params.text,
      /Incident resolved: 6 customers reported[\s\S]*ShopApp 4\.2\.1 fixes/,
    );
    // A new report after resolution starts afresh: it does not join the resolved incident.
    const later = await post(app, 6, "ShopApp crashes at login again", "ShopApp crashes at login.");
    assert.equal((await (await app.api(`/complaints/${later}`)).json()).incidentId, undefined);
  } finally {
    await app.stop();
    await tg.stop();
  }
});

Deno.test("INCIDENT_MIN_COMPLAINTS=0 turns incidents off: every complaint alerts on its own", async () => {
  const app = await startTestApp({ INCIDENT_MIN_COMPLAINTS: "0" });
  try {
    for (let i = 0; i < 6; i++) await post(app, i, SHOPAPP[i][0], SHOPAPP[i][1]);
    assert.deepEqual((await (await app.api("/incidents")).json()).items, []);
  } finally {
    await app.stop();
  }
});

Deno.test("in a burst the incident alert is edited at most once per INCIDENT_ALERT_EDIT_SECONDS: joins in between are shown by the jobs' edit, a resolution is edited at once", async () => {
  const tg = await startFakeTelegram();
  const app = await startTestApp({
    ...tg.env,
    TELEGRAM_MIN_PRIORITY: "low",
    INCIDENT_ALERT_EDIT_SECONDS: "10",
  });
  let clock = Date.now();
  app.ctx.now = () => new Date(clock);
  const edits = () => tg.calls.filter((c) => c.method === "editMessageText");
  try {
    for (let i = 0; i < 9; i++) await post(app, i, SHOPAPP[i % 6][0], SHOPAPP[i % 6][1]);
    assert.equal(edits().length, 0, "four joins within seconds of the announcement: no edit yet");
    const [incident] = (await (await app.api("/incidents?status=open")).json()).items;
    assert.equal(incident.memberCount, 9);
    assert.equal(incident.alert.stale, true);

    assert.equal((await runJobsOnce(app.ctx)).incidentAlerts, 0, "too soon for the jobs too");
    clock += 11_000;
    assert.equal((await runJobsOnce(app.ctx)).incidentAlerts, 1);
    assert.equal(edits().length, 1);
    assert.match(edits()[0].params.text, /Incident: 9 customers report/);
    assert.equal((await runJobsOnce(app.ctx)).incidentAlerts, 0, "up to date: nothing to edit");

    // An edit that fails keeps the alert's message: the jobs edit that one, never send another.
    const announcements = tg.calls.filter((c) => c.method === "sendMessage").length;
    tg.failNext("editMessageText", { status: 500 });
    await post(app, 9, SHOPAPP[0][0], SHOPAPP[0][1]);
    clock += 11_000;
    await post(app, 10, SHOPAPP[1][0], SHOPAPP[1][1]);
    assert.equal(edits().length, 2, "the edit was tried and failed");
    clock += 11_000;
    assert.equal((await runJobsOnce(app.ctx)).incidentAlerts, 1);
    assert.equal(edits().length, 3);
    assert.equal(edits()[2].params.message_id, edits()[0].params.message_id);
    assert.match(edits()[2].params.text, /Incident: 11 customers report/);
    assert.equal(tg.calls.filter((c) => c.method === "sendMessage").length, announcements);

    await post(app, 11, SHOPAPP[2][0], SHOPAPP[2][1]);
    assert.equal(edits().length, 3, "a join right after an edit waits");
    const res = await app.api(`/incidents/${incident.id}/resolve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ note: "Fixed in ShopApp 4.2.1." }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    assert.equal(edits().length, 4, "the resolution is edited at once");
    assert.match(edits()[3].params.text, /Incident resolved: 12 customers reported/);
  } finally {
    await app.stop();
    await tg.stop();
  }
});

Deno.test("a joining complaint is stored in its incident at once; when incidents cannot be read, complaints are still stored and alert on their own", async () => {
  const tg = await startFakeTelegram();
  const app = await startTestApp({ ...tg.env, TELEGRAM_MIN_PRIORITY: "low" });
  const sent = () => tg.calls.filter((c) => c.method === "sendMessage");
  try {
    for (let i = 0; i < 5; i++) await post(app, i, SHOPAPP[i][0], SHOPAPP[i][1]);
    const [incident] = (await (await app.api("/incidents?status=open")).json()).items;
    const sixth = await post(app, 5, SHOPAPP[5][0], SHOPAPP[5][1]);
    const joined = (await app.ctx.store.getComplaint(sixth))!;
    assert.equal(joined.incidentId, incident.id);
    assert.equal(joined.history.filter((h) => h.action === "incident_joined").length, 1);
    assert.equal((await app.ctx.store.getIncident(incident.id))!.memberCount, 6);

    const alerts = sent().length;
    app.ctx.store.listIncidents = () => Promise.reject(new Error("incidents unreadable"));
    const alone = await post(app, 6, "ShopApp crashes at login again", SHOPAPP[0][1]);
    const stored = (await app.ctx.store.getComplaint(alone))!;
    assert.equal(stored.incidentId, undefined);
    assert.equal(sent().length, alerts + 1, "its own alert, since no incident speaks for it");
    assert.equal((await app.ctx.store.getIncident(incident.id))!.memberCount, 6);
  } finally {
    await app.stop();
    await tg.stop();
  }
});
