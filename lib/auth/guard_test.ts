import assert from "node:assert/strict";
import { guardPage } from "./guard.ts";
import { createSession } from "./session.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { testContext } from "../../test/e2e/app_fixture.ts";
import { HttpError } from "../http/errors.ts";
import { PAGE_BODY_MAX_BYTES } from "../web/page_body.ts";

Deno.test("guardPage redirects without a session, except on /login", async () => {
  const t = await testContext();
  try {
    const res = await guardPage(t.ctx, new Request("http://h/complaints/x?a=1"));
    assert.equal(res.response?.status, 303);
    assert.equal(res.response?.headers.get("location"), "/login?next=%2Fcomplaints%2Fx%3Fa%3D1");
    assert.deepEqual(await guardPage(t.ctx, new Request("http://h/login")), { session: null });
  } finally {
    await t.close();
  }
});

Deno.test("guardPage lets GETs through and wants the CSRF token on POSTs", async () => {
  const t = await testContext();
  try {
    const { session, token } = await createSession(
      t.ctx,
      await seedAgent(t.ctx, { email: "agent@example.com" }),
    );
    const cookie = { cookie: `it_session=${token}` };
    const get = await guardPage(t.ctx, new Request("http://h/", { headers: cookie }));
    assert.equal(get.session?.id, session.id);

    const post = (body: string | null, headers: Record<string, string> = {}) =>
      guardPage(
        t.ctx,
        new Request("http://h/logout", {
          method: "POST",
          headers: { ...cookie, ...headers },
          body,
        }),
      );
    const form = { "content-type": "application/x-www-form-urlencoded" };
    assert.equal((await post("_csrf=nope", form)).response?.status, 403);
    assert.equal((await post(null)).response?.status, 403);
    assert.equal((await post(`_csrf=${session.csrf}`, form)).session?.id, session.id);
    assert.equal((await post(null, { "x-csrf-token": session.csrf })).session?.id, session.id);
  } finally {
    await t.close();
  }
});

Deno.test("guardPage refuses a form past the page cap with 413 instead of reading it all", async () => {
  const t = await testContext();
  try {
    const { token } = await createSession(
      t.ctx,
      await seedAgent(t.ctx, { email: "agent@example.com" }),
    );
    let pulled = 0;
    const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        controller.enqueue(chunk.slice());
      },
    });
    const err = await guardPage(
      t.ctx,
      new Request("http://h/logout", {
        method: "POST",
        headers: {
          cookie: `it_session=${token}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body,
      }),
    ).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.status, 413);
    assert.ok(pulled <= PAGE_BODY_MAX_BYTES + 64 * 1024, `pulled ${pulled}`);
  } finally {
    await t.close();
  }
});
