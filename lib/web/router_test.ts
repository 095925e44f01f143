import assert from "node:assert/strict";
import { buildRouteTable, prefixMatches, routePattern } from "./router.ts";
import type { Manifest } from "./types.ts";

Deno.test("routePattern maps index files to their folder and brackets to params", () => {
  assert.equal(routePattern("./routes/index.tsx"), "/");
  assert.equal(routePattern("./routes/login.tsx"), "/login");
  assert.equal(routePattern("./routes/complaints/index.tsx"), "/complaints");
  assert.equal(routePattern("./routes/complaints/[id].tsx"), "/complaints/:id");
  assert.equal(routePattern("./routes/logout.ts"), "/logout");
  assert.equal(routePattern("./routes/(admin)/users.tsx"), "/users");
  assert.equal(routePattern("./routes/files/[...path].ts"), "/files/:path{.+}");
});

Deno.test("buildRouteTable separates special files and puts static routes before dynamic", () => {
  const mod = {};
  const manifest: Manifest = {
    routes: {
      "./routes/_app.tsx": mod,
      "./routes/_404.tsx": mod,
      "./routes/_middleware.ts": { handler: () => new Response() },
      "./routes/complaints/_middleware.ts": { handler: () => new Response() },
      "./routes/complaints/[id].tsx": mod,
      "./routes/complaints/new.tsx": mod,
      "./routes/index.tsx": mod,
    },
    islands: {},
    baseUrl: "file:///x/",
  };
  const table = buildRouteTable(manifest);
  assert.equal(table.app, mod);
  assert.equal(table.notFound, mod);
  assert.deepEqual(table.routes.map((r) => r.pattern), ["/complaints/new", "/complaints/:id", "/"]);
  assert.deepEqual(table.middlewares.map((m) => m.prefix), ["/", "/complaints"]);
});

Deno.test("prefixMatches respects segment boundaries", () => {
  assert.ok(prefixMatches("/", "/anything"));
  assert.ok(prefixMatches("/complaints", "/complaints"));
  assert.ok(prefixMatches("/complaints", "/complaints/1"));
  assert.ok(!prefixMatches("/complaints", "/complaintsx"));
});
