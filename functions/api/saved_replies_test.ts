import assert from "node:assert/strict";
import { sampleEmail, startTestApp, type TestApp } from "../../test/support/app.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { createSession, SESSION_COOKIE } from "../../lib/auth/session.ts";
import { startFakeAnthropic } from "../../test/fakes/anthropic.ts";
import { TOOL_NAME } from "../../lib/analyze/claude/prompt.ts";
import { validAnalysis } from "../../test/support/analysis.ts";

/** An agent's session for API calls (cookie and CSRF header), as the dashboard makes them. */
async function agentApi(app: TestApp, opts: { email: string; team: string; name: string }) {
  const agent = await seedAgent(app.ctx, { ...opts, role: "agent" });
  const { session, token } = await createSession(app.ctx, agent);
  return {
    agent,
    call: (path: string, init: { method?: string; body?: unknown } = {}) =>
      fetch(`${app.url}/functions/v1/api${path}`, {
        method: init.method ?? "GET",
        headers: {
          cookie: `${SESSION_COOKIE}=${token}`,
          "x-csrf-token": session.csrf,
          ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      }),
  };
}

Deno.test("saved replies over the API: an agent adds one for their team, another team neither sees nor changes it, and a complaint gets them filled", async () => {
  const app = await startTestApp();
  try {
    const bea = await agentApi(app, { email: "bea@x.test", team: "logistics", name: "Bea Novak" });
    const tom = await agentApi(app, { email: "tom@x.test", team: "billing", name: "Tom" });
    const created = await bea.call("/saved-replies", {
      method: "POST",
      body: {
        title: "Parcel delayed",
        body:
          "Hello {{customer.name}}, your order {{order}} ({{ref}}) is on its way. {{agent.name}}",
        team: "logistics",
        category: "delivery",
      },
    });
    assert.equal(created.status, 201);
    const reply = await created.json();
    assert.equal(reply.createdBy, "bea@x.test");

    assert.deepEqual((await (await tom.call("/saved-replies")).json()).items, []);
    const hijack = await tom.call(`/saved-replies/${reply.id}`, {
      method: "PATCH",
      body: { title: "x" },
    });
    assert.equal(hijack.status, 403);
    await hijack.body?.cancel();
    const elsewhere = await tom.call("/saved-replies", {
      method: "POST",
      body: { title: "x", body: "y", team: "logistics" },
    });
    assert.equal(elsewhere.status, 403);
    await elsewhere.body?.cancel();
    // A change that leaves the team out keeps it: the reply does not become everyone's.
    const renamed = await bea.call(`/saved-replies/${reply.id}`, {
      method: "PATCH",
      body: { title: "Parcel delayed (courier)" },
    });
    assert.equal(renamed.status, 200);
    assert.equal((await renamed.json()).team, "logistics");
    assert.deepEqual((await (await tom.call("/saved-replies")).json()).items, []);
    const bad = await bea.call("/saved-replies", { method: "POST", body: { title: "" } });
    assert.equal(bad.status, 422);
    await bad.body?.cancel();

    const { id } = await (await app.ingest(sampleEmail({
      messageId: "saved-1",
      from: "Dana Whitfield <dana@example.net>",
      subject: "Parcel late",
      body: "My order ORD-44110 is two weeks late.",
    }))).json();
    const filled = (await (await bea.call(`/complaints/${id}/saved-replies`)).json()).items;
    assert.equal(filled.length, 1);
    const ref = (await app.ctx.store.getComplaint(id))!.ref;
    assert.equal(
      filled[0].text,
      `Hello Dana Whitfield, your order ORD-44110 (#${ref}) is on its way. Bea Novak`,
    );

    const gone = await bea.call(`/saved-replies/${reply.id}`, { method: "DELETE" });
    assert.equal(gone.status, 204);
    assert.deepEqual((await (await bea.call("/saved-replies")).json()).items, []);
  } finally {
    await app.stop();
  }
});

Deno.test("PATCH /saved-replies/:id: null clears the category or language back to any; an unknown category is still refused", async () => {
  const app = await startTestApp();
  try {
    const bea = await agentApi(app, { email: "bea@x.test", team: "logistics", name: "Bea" });
    const tom = await agentApi(app, { email: "tom@x.test", team: "billing", name: "Tom" });
    const reply = await (await bea.call("/saved-replies", {
      method: "POST",
      body: {
        title: "Courier",
        body: "x",
        team: "logistics",
        category: "delivery",
        language: "en",
      },
    })).json();

    const cleared = await bea.call(`/saved-replies/${reply.id}`, {
      method: "PATCH",
      body: { category: null, language: null },
    });
    assert.equal(cleared.status, 200, await cleared.clone().text());
    const body = await cleared.json();
    assert.equal("category" in body, false);
    assert.equal("language" in body, false);
    assert.equal(body.team, "logistics", "still the team's");
    const listed = (await (await bea.call("/saved-replies")).json()).items;
    assert.equal("category" in listed[0], false);
    assert.equal("language" in listed[0], false);

    // A blank language is no language: it clears, and is never stored as an empty code.
    await bea.call(`/saved-replies/${reply.id}`, { method: "PATCH", body: { language: "ru" } });
    const blank = await bea.call(`/saved-replies/${reply.id}`, {
      method: "PATCH",
      body: { language: "  " },
    });
    assert.equal(blank.status, 200);
    assert.equal("language" in await blank.json(), false);
    const made = await (await bea.call("/saved-replies", {
      method: "POST",
      body: { title: "Other", body: "y", language: "" },
    })).json();
    assert.equal("language" in made, false, "created with a blank language: none");

    const bad = await bea.call(`/saved-replies/${reply.id}`, {
      method: "PATCH",
      body: { category: "weather" },
    });
    assert.equal(bad.status, 422);
    await bad.body?.cancel();
    const notTheirs = await tom.call(`/saved-replies/${reply.id}`, {
      method: "PATCH",
      body: { category: null },
    });
    assert.equal(notTheirs.status, 403, "clearing is a change: same rule");
    await notTheirs.body?.cancel();
    const teamNull = await bea.call(`/saved-replies/${reply.id}`, {
      method: "PATCH",
      body: { team: null },
    });
    assert.equal(teamNull.status, 422, 'the team is not cleared with null ("" is everyone)');
    await teamNull.body?.cancel();
  } finally {
    await app.stop();
  }
});

Deno.test("an agent's signature goes under the replies they send from the complaint", async () => {
  const app = await startTestApp();
  try {
    const bea = await agentApi(app, { email: "bea@x.test", team: "", name: "Bea" });
    await app.ctx.store.updateAgent(bea.agent.id, { signature: "Bea Novak\nSupport" });
    const { id } = await (await app.ingest(sampleEmail({ messageId: "sig-1" }))).json();
    const sent = await bea.call(`/complaints/${id}/replies`, {
      method: "POST",
      body: { text: "We are on it." },
    });
    assert.equal(sent.status, 201, await sent.clone().text());
    assert.equal(
      (await sent.json()).text.endsWith("We are on it.\n\n-- \nBea Novak\nSupport"),
      true,
    );
  } finally {
    await app.stop();
  }
});

Deno.test("GET /complaints/:id/draft: Claude drafts from the complaint, the customer's history and how similar complaints were resolved; nothing is sent", async () => {
  const claude = await startFakeAnthropic({
    respond: (r) =>
      r.body.tools
        ? { toolUse: { name: TOOL_NAME, input: { ...validAnalysis, category: "delivery" } } }
        : { text: "Hello Dana,\n\nWe have asked the courier …\n\nBest regards,\nSupport" },
  });
  const app = await startTestApp({
    ANTHROPIC_API_KEY: claude.apiKey,
    ANTHROPIC_BASE_URL: claude.url,
  });
  try {
    const post = async (n: number, from: string, subject: string, body: string) =>
      (await (await app.ingest(sampleEmail({ messageId: `draft-${n}`, from, subject, body })))
        .json()).id as string;
    // Another customer's similar complaint, answered and resolved.
    const earlier = await post(
      1,
      "Ivan <ivan@example.net>",
      "Parcel ORD-1 late",
      "Parcel ORD-1 late",
    );
    const answered = await app.api(`/complaints/${earlier}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "We rebooked the courier for tomorrow morning." }),
    });
    assert.equal(answered.status, 201);
    await answered.body?.cancel();
    await app.api(`/complaints/${earlier}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "resolved" }),
    }).then((r) => r.body?.cancel());
    // The customer's own earlier complaint, then the one to answer.
    await post(2, "Dana <dana@example.net>", "Wrong colour kettle", "The kettle is red, not blue.");
    const id = await post(
      3,
      "Dana <dana@example.net>",
      "Parcel ORD-9 late",
      "Parcel ORD-9 is late",
    );

    const draft = await (await app.api(`/complaints/${id}/draft`)).json();
    assert.equal(draft.source, "claude");
    assert.match(draft.text, /We have asked the courier/);
    const request = claude.requests.findLast((r) => !r.body.tools)!;
    const prompt = JSON.stringify(request.body.messages);
    assert.match(prompt, /Wrong colour kettle/, "the customer's history");
    assert.match(prompt, /We rebooked the courier for tomorrow morning/, "a similar resolution");
    assert.match(request.body.system[0].text, /never\s+promise a refund/);
    const complaint = (await app.ctx.store.getComplaint(id))!;
    assert.equal(complaint.messages.length, 0, "a draft is never sent");
  } finally {
    await app.stop();
    await claude.stop();
  }
});
