import assert from "node:assert/strict";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { createSession, SESSION_COOKIE } from "../../lib/auth/session.ts";

/** Read server-sent events from a response body, one `{event, data}` at a time. */
function sse(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next(): Promise<{ event: string; data: string }> {
      while (true) {
        const at = buffer.indexOf("\n\n");
        if (at >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          if (block.startsWith(":")) continue; // a keepalive comment
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
          const data = [...block.matchAll(/^data: (.*)$/gm)].map((m) => m[1]).join("\n");
          return { event, data };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += value;
      }
    },
    cancel: () => reader.cancel(),
  };
}

Deno.test("GET /events streams every complaint change: created, then an assignment with the previous assignee", async () => {
  const app = await startTestApp();
  try {
    const none = await fetch(`${app.url}/functions/v1/api/events`);
    assert.equal(none.status, 401, "a session or the API token is needed");
    await none.body?.cancel();
    const res = await app.api("/events");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
    const events = sse(res);
    assert.equal((await events.next()).event, "ready");
    const { id } = await (await app.ingest(sampleEmail({ messageId: "live-1" }))).json();
    const created = await events.next();
    assert.equal(created.event, "complaint");
    const c = JSON.parse(created.data);
    assert.equal(c.change, "created");
    assert.equal(c.id, id);
    await seedAgent(app.ctx, { email: "bea@x.test", role: "agent" });
    const assigned = await app.api(`/complaints/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ assignee: "bea@x.test" }),
    });
    assert.equal(assigned.status, 200);
    await assigned.body?.cancel();
    let e = JSON.parse((await events.next()).data);
    while (e.previousAssignee === undefined) e = JSON.parse((await events.next()).data);
    assert.equal(e.assignee, "bea@x.test");
    assert.equal(e.previousAssignee, null);
    await events.cancel();
  } finally {
    await app.stop();
  }
});

Deno.test("presence: each agent's heartbeat answers who else is on the complaint, and what they do", async () => {
  const app = await startTestApp();
  try {
    const { id } = await (await app.ingest(sampleEmail({ messageId: "presence-1" }))).json();
    const as = async (email: string, name: string) => {
      const agent = await seedAgent(app.ctx, { email, name, role: "agent" });
      const { session, token } = await createSession(app.ctx, agent);
      return (state: string) =>
        fetch(`${app.url}/functions/v1/api/complaints/${id}/presence`, {
          method: "POST",
          headers: {
            cookie: `${SESSION_COOKIE}=${token}`,
            "x-csrf-token": session.csrf,
            "content-type": "application/json",
          },
          body: JSON.stringify({ state }),
        }).then((r) => r.json());
    };
    const bea = await as("bea@x.test", "Bea");
    const tom = await as("tom@x.test", "Tom");
    assert.deepEqual((await bea("viewing")).others, []);
    const seen = (await tom("replying")).others;
    assert.deepEqual(seen.map((o: { name: string; state: string }) => [o.name, o.state]), [
      ["Bea", "viewing"],
    ]);
    const back = (await bea("viewing")).others;
    assert.deepEqual(back.map((o: { name: string; state: string }) => [o.name, o.state]), [
      ["Tom", "replying"],
    ]);
  } finally {
    await app.stop();
  }
});
