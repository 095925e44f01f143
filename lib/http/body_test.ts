import assert from "node:assert/strict";
import { readBodyCapped, reserveBody } from "./body.ts";
import { ByteBudget } from "../byte_budget.ts";
import { HttpError } from "./errors.ts";

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://127.0.0.1/ingest", { method: "POST", body, headers });
}

/** A body that arrives in chunks with no Content-Length, as a chunked upload does. */
function streamed(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
}

async function assert413(p: Promise<unknown>, max: number): Promise<void> {
  await assert.rejects(p, (err) => {
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.status, 413);
    assert.equal(err.code, "payload_too_large");
    assert.match(err.message, new RegExp(String(max)));
    return true;
  });
}

Deno.test("a body under the cap is returned whole", async () => {
  const body = new TextEncoder().encode("From: a@b.c\r\n\r\nhello");
  const got = await readBodyCapped(post(body, { "content-length": String(body.length) }), 100);
  assert.deepEqual(got, body);
});

Deno.test("a body exactly at the cap is accepted", async () => {
  const got = await readBodyCapped(post(bytes(64), { "content-length": "64" }), 64);
  assert.equal(got.length, 64);
});

Deno.test("a declared Content-Length over the cap is refused with 413", async () => {
  await assert413(readBodyCapped(post(bytes(65), { "content-length": "65" }), 64), 64);
});

Deno.test("a Content-Length that understates the body does not get past the cap", async () => {
  await assert413(readBodyCapped(post(bytes(1000), { "content-length": "10" }), 64), 64);
});

Deno.test("a streamed body within the cap is joined in order", async () => {
  const chunks = [bytes(10, 1), bytes(20, 2), bytes(34, 3)];
  const got = await readBodyCapped(post(streamed(chunks)), 64);
  assert.equal(got.length, 64);
  assert.deepEqual(got, new Uint8Array([...chunks[0], ...chunks[1], ...chunks[2]]));
});

Deno.test("a body that differs from its declared Content-Length is returned as sent, in order", async () => {
  const chunks = [bytes(10, 1), bytes(20, 2), bytes(30, 3)];
  const whole = new Uint8Array([...chunks[0], ...chunks[1], ...chunks[2]]);
  const longer = await readBodyCapped(post(streamed(chunks), { "content-length": "25" }), 100);
  assert.deepEqual(longer, whole);
  const shorter = await readBodyCapped(post(streamed(chunks), { "content-length": "90" }), 100);
  assert.deepEqual(shorter, whole);
});

Deno.test("a streamed body without Content-Length that passes the cap is refused with 413", async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(bytes(1024));
    },
  });
  await assert413(readBodyCapped(post(endless), 10_000), 10_000);
  // It stopped soon after the cap instead of reading the whole (endless) body.
  assert.ok(pulled < 20, `pulled ${pulled} chunks`);
});

Deno.test("a cloned request's body over the cap is refused without waiting on the other copy", async () => {
  const original = post(streamed([bytes(10), bytes(10), bytes(10)]));
  const copy = original.clone();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    readBodyCapped(copy, 15).then(() => "read", (err) => err),
    new Promise((resolve) => timer = setTimeout(() => resolve("hung"), 2000)),
  ]);
  clearTimeout(timer);
  assert.ok(outcome instanceof HttpError, String(outcome));
  assert.equal(outcome.status, 413);
  await original.body?.cancel();
});

Deno.test("an empty body and a missing body both give zero bytes", async () => {
  assert.equal((await readBodyCapped(post(new Uint8Array(0)), 10)).length, 0);
  assert.equal((await readBodyCapped(post(null), 10)).length, 0);
  assert.equal(
    (await readBodyCapped(new Request("http://127.0.0.1/", { method: "GET" }), 10)).length,
    0,
  );
});

Deno.test("over a real connection: chunked upload over the cap is 413, under it is read", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      try {
        const body = await readBodyCapped(req, 100_000);
        return Response.json({ size: body.length });
      } catch (err) {
        if (err instanceof HttpError) return Response.json({ code: err.code }, { status: 413 });
        throw err;
      }
    },
  );
  const url = `http://127.0.0.1:${server.addr.port}/`;
  try {
    const small = await fetch(url, {
      method: "POST",
      body: streamed([bytes(50_000), bytes(50_000)]),
    });
    assert.deepEqual(await small.json(), { size: 100_000 });
    const big = await fetch(url, {
      method: "POST",
      body: streamed(Array.from({ length: 30 }, () => bytes(10_000))),
    });
    assert.equal(big.status, 413);
    assert.deepEqual(await big.json(), { code: "payload_too_large" });
  } finally {
    await server.shutdown();
  }
});

Deno.test("reserveBody holds the declared size, or the cap when none is declared", () => {
  const budget = new ByteBudget(1000);
  const declared = reserveBody(post(bytes(300), { "content-length": "300" }), budget, 1000);
  assert.equal(budget.held, 300);
  const undeclared = reserveBody(post(streamed([bytes(10)])), budget, 500);
  assert.equal(budget.held, 800);
  declared();
  undeclared();
  assert.equal(budget.held, 0);
});

Deno.test("reserveBody answers 503 with Retry-After when the budget is spent", () => {
  const budget = new ByteBudget(1000);
  const first = reserveBody(post(bytes(900), { "content-length": "900" }), budget, 1000);
  assert.throws(
    () => reserveBody(post(bytes(200), { "content-length": "200" }), budget, 1000),
    (err) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, 503);
      assert.equal(err.code, "busy");
      assert.equal(err.headers["Retry-After"], "2");
      return true;
    },
  );
  first();
  reserveBody(post(bytes(200), { "content-length": "200" }), budget, 1000)();
});

Deno.test("reserveBody holds nothing for a body declared over the cap (413 comes next)", () => {
  const budget = new ByteBudget(1000);
  reserveBody(post(bytes(900), { "content-length": "900" }), budget, 1000);
  const release = reserveBody(post(bytes(2000), { "content-length": "2000" }), budget, 1000);
  assert.equal(budget.held, 900);
  release();
  assert.equal(budget.held, 900);
});
