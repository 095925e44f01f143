import assert from "node:assert/strict";
import { Hono } from "hono";
import { ConflictError, InvalidError, NotFoundError, UnavailableError } from "../errors.ts";
import { errorHandler } from "../http/error_middleware.ts";
import { createLogger } from "../log.ts";
import { mountManifest } from "./mount.ts";
import { PAGE_BODY_MAX_BYTES, readPageForm } from "./page_body.ts";
import Clicker from "../../test/fixtures/islands/Clicker.tsx";
import type { AppProps, FreshContext, Handlers, Manifest, PageProps } from "./types.ts";

interface State {
  user: string | null;
  [key: string]: unknown;
}

function Shell({ Component }: AppProps<State>) {
  return (
    <html>
      <body>
        <Component />
      </body>
    </html>
  );
}

const itemHandler: Handlers<{ id: string }, State> = {
  GET(_req, ctx) {
    if (ctx.params.id === "missing") return ctx.renderNotFound();
    return ctx.render({ id: ctx.params.id }, { headers: { "X-Item": ctx.params.id } });
  },
  POST: () => new Response("posted", { status: 201 }),
};

/** What the form route was given: a test asserts an oversized post never got this far. */
const formsSeen: string[] = [];
let formHandlerCalls = 0;

const formHandler: Handlers<unknown, State> = {
  async POST(req) {
    formHandlerCalls++;
    const form = await readPageForm(req);
    formsSeen.push(String(form?.get("note") ?? ""));
    return new Response("saved", { status: 201 });
  },
};

/** A page whose data load throws the domain error its URL names. */
const failingHandler: Handlers<unknown, State> = {
  GET(_req, ctx) {
    switch (ctx.params.kind) {
      case "not-found":
        throw new NotFoundError("No complaint c-9");
      case "invalid":
        throw new InvalidError("bad page number");
      case "conflict":
        throw new ConflictError("Complaint c-9 is not waiting for reprocessing");
      case "down":
        throw new UnavailableError("store down at 10.0.0.1:27017", { retryAfterSeconds: 7 });
      default:
        throw new Error("a bug");
    }
  },
};

/** What the layer reported through `onError`. */
const pageErrors: unknown[] = [];

const manifest: Manifest = {
  routes: {
    "./routes/_app.tsx": { default: Shell as never },
    "./routes/_404.tsx": { default: () => <h1>Nothing here</h1> },
    "./routes/_middleware.ts": {
      handler: (req: Request, ctx: FreshContext<State>) => {
        if (new URL(req.url).searchParams.has("deny")) {
          return Response.redirect(new URL("/login", req.url), 303);
        }
        ctx.state.user = "ann";
        return ctx.next();
      },
    },
    "./routes/index.tsx": {
      default: (p: PageProps<unknown, State>) => <p>home of {p.state.user}</p>,
    },
    "./routes/items/[id].tsx": {
      handler: itemHandler,
      default: (p: PageProps<{ id: string }, State>) => <p>item {p.data.id} at {p.route}</p>,
    },
    "./routes/form.tsx": { handler: formHandler },
    "./routes/fail/[kind].tsx": { handler: failingHandler },
    "./routes/island.tsx": {
      default: () => (
        <div>
          <Clicker start={2} />
        </div>
      ),
    },
  },
  islands: { "../../test/fixtures/islands/Clicker.tsx": { default: Clicker } },
  baseUrl: import.meta.url,
};

async function build(): Promise<Hono> {
  const app = new Hono();
  app.onError(errorHandler(createLogger("error", () => {})));
  app.get("/functions/v1/api/ping", (c) => c.text("pong"));
  await mountManifest<State>(app, {
    manifest,
    staticDir: new URL("../../static", import.meta.url).pathname,
    minify: false,
    createState: () => ({ user: null }),
    foreignPrefixes: ["/functions"],
    onError: (err) => pageErrors.push(err),
  });
  return app;
}

async function serve(): Promise<{ base: string; close(): Promise<void> }> {
  const app = await build();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  return {
    base: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

Deno.test("pages render through middleware and _app with security headers and no script", async () => {
  const s = await serve();
  try {
    const res = await fetch(`${s.base}/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(res.headers.get("content-security-policy")!, /script-src 'self'/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(await res.text(), "<!DOCTYPE html><html><body><p>home of ann</p></body></html>");

    const item = await fetch(`${s.base}/items/42`);
    assert.equal(item.headers.get("x-item"), "42");
    assert.ok((await item.text()).includes("<p>item 42 at /items/:id</p>"));
    const posted = await fetch(`${s.base}/items/42`, { method: "POST" });
    assert.equal(posted.status, 201);
    await posted.body?.cancel();
    const put = await fetch(`${s.base}/items/42`, { method: "PUT" });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get("allow"), "GET, POST");
    await put.body?.cancel();
  } finally {
    await s.close();
  }
});

Deno.test("middleware can answer for the route, even with an immutable redirect", async () => {
  const s = await serve();
  try {
    const res = await fetch(`${s.base}/items/1?deny`, { redirect: "manual" });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `${s.base}/login`);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    await res.body?.cancel();
  } finally {
    await s.close();
  }
});

Deno.test("unknown pages render _404, unknown function paths keep the JSON 404", async () => {
  const s = await serve();
  try {
    const page = await fetch(`${s.base}/nope`);
    assert.equal(page.status, 404);
    assert.ok((await page.text()).includes("<h1>Nothing here</h1>"));
    const missing = await fetch(`${s.base}/items/missing`);
    assert.equal(missing.status, 404);
    assert.ok((await missing.text()).includes("Nothing here"));
    const api = await fetch(`${s.base}/functions/v1/api/nope`);
    assert.equal(api.status, 404);
    assert.equal((await api.json()).error.code, "not_found");
  } finally {
    await s.close();
  }
});

Deno.test("a page with an island links a hashed, long-cached bundle that serves JS", async () => {
  const s = await serve();
  try {
    const html = await (await fetch(`${s.base}/island`)).text();
    const src = html.match(/<script type="module" src="(\/_islands\/main-[0-9a-f]{12}\.js)">/)?.[1];
    assert.ok(src, html);
    assert.ok(html.includes('data-island="Clicker"'));
    const js = await fetch(s.base + src);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(js.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.ok((await js.text()).includes("clicked"));
  } finally {
    await s.close();
  }
});

Deno.test("a NotFoundError thrown by a page renders the _404 page", async () => {
  const app = await build();
  const res = await app.request("/fail/not-found");
  assert.equal(res.status, 404);
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  assert.ok((await res.text()).includes("<h1>Nothing here</h1>"));
});

Deno.test("pages answer the domain's invalid, conflict and unavailable errors with the API's statuses", async () => {
  const app = await build();
  pageErrors.length = 0;
  const invalid = await app.request("/fail/invalid");
  assert.equal(invalid.status, 422);
  assert.equal(await invalid.text(), "bad page number");
  const conflict = await app.request("/fail/conflict");
  assert.equal(conflict.status, 409);
  assert.equal(conflict.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(conflict.headers.get("x-content-type-options"), "nosniff");
  assert.match(await conflict.text(), /not waiting for reprocessing/);
  assert.equal(pageErrors.length, 0, "expected answers are not reported as errors");
  const down = await app.request("/fail/down");
  assert.equal(down.status, 503);
  assert.equal(down.headers.get("retry-after"), "7");
  assert.ok(!(await down.text()).includes("10.0.0.1"));
  assert.equal(pageErrors.length, 1, "an outage is reported for the log");
  assert.ok(pageErrors[0] instanceof UnavailableError);
});

Deno.test("any other error thrown by a page is reported and reaches the app's error handler", async () => {
  const app = await build();
  pageErrors.length = 0;
  const res = await app.request("/fail/bug");
  assert.equal(res.status, 500);
  assert.equal((await res.json()).error.code, "internal");
  assert.equal(pageErrors.length, 1);
  assert.match(String(pageErrors[0]), /a bug/);
});

/** An endless body that counts how many bytes the server pulled from it. */
function endlessBody(): { body: ReadableStream<Uint8Array>; pulled(): number } {
  let pulled = 0;
  const chunk = new TextEncoder().encode("note=" + "a".repeat(64 * 1024));
  return {
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        controller.enqueue(chunk.slice());
      },
    }),
    pulled: () => pulled,
  };
}

Deno.test("a page POST over the cap is refused with 413 before middleware or route see it", async () => {
  const app = await build();
  const form = { "content-type": "application/x-www-form-urlencoded" };
  formsSeen.length = 0;
  formHandlerCalls = 0;

  const small = await app.request("/form", { method: "POST", headers: form, body: "note=hi" });
  assert.equal(small.status, 201);
  await small.body?.cancel();
  assert.deepEqual(formsSeen, ["hi"]);

  const declared = endlessBody();
  const big = await app.request("/form", {
    method: "POST",
    headers: { ...form, "content-length": String(100 * 1024 * 1024) },
    body: declared.body,
  });
  assert.equal(big.status, 413);
  assert.equal(big.headers.get("x-content-type-options"), "nosniff");
  assert.match(await big.text(), /at most 65536 bytes/);
  assert.equal(formHandlerCalls, 1, "the route never ran for the declared 100 MB post");
  assert.ok(declared.pulled() <= 64 * 1024 + 16, `pulled ${declared.pulled()} bytes`);

  const chunked = endlessBody();
  const streamed = await app.request("/form", {
    method: "POST",
    headers: form,
    body: chunked.body,
  });
  assert.equal(streamed.status, 413);
  await streamed.body?.cancel();
  assert.deepEqual(formsSeen, ["hi"], "the route never got the oversized form");
  assert.ok(
    chunked.pulled() <= PAGE_BODY_MAX_BYTES + 2 * (64 * 1024 + 5),
    `pulled ${chunked.pulled()} bytes of an endless body`,
  );
});
