import assert from "node:assert/strict";
import { withTestApp } from "../../test/support/app.ts";
import { createApiApp } from "./index.ts";
import { API_ROUTES, apiDocument } from "./openapi.ts";
import { openApiPath } from "../../lib/http/openapi.ts";

const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

Deno.test("every route of the API app is documented, and every documented route exists", async () => {
  await withTestApp((app) => {
    const served = new Set(
      createApiApp(app.ctx).routes
        .filter((r) => r.method !== "ALL") // middleware
        .filter((r) => !r.path.startsWith("/docs/")) // the docs page's own assets
        .map((r) => routeKey(r.method, r.path)),
    );
    const documented = new Set(API_ROUTES.map((r) => routeKey(r.method, r.path)));
    assert.deepEqual([...served].filter((r) => !documented.has(r)), [], "undocumented routes");
    assert.deepEqual([...documented].filter((r) => !served.has(r)), [], "documented, not served");
    assert.equal(documented.size, API_ROUTES.length, "each route documented once");
    return Promise.resolve();
  });
});

Deno.test("every documented example validates against the schema it illustrates", () => {
  let checked = 0;
  for (const route of API_ROUTES) {
    const where = routeKey(route.method, route.path);
    for (const [name, ex] of Object.entries(route.body?.examples ?? {})) {
      const parsed = route.body!.schema.safeParse(ex.value);
      assert.ok(parsed.success, `${where} body example ${name}: ${parsed.error?.message}`);
      checked++;
    }
    for (const [status, res] of Object.entries(route.responses)) {
      for (const [name, ex] of Object.entries(res.examples ?? {})) {
        assert.ok(res.schema, `${where} ${status}: an example needs a schema`);
        const parsed = res.schema.safeParse(ex.value);
        assert.ok(parsed.success, `${where} ${status} example ${name}: ${parsed.error?.message}`);
        checked++;
      }
    }
    for (const name of route.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
      assert.ok(route.params?.[name[1]], `${where}: path parameter ${name[1]} is described`);
    }
  }
  assert.ok(checked >= 15, `only ${checked} examples`);
});

Deno.test("GET /openapi.json is an OpenAPI 3.1 document with JSON Schemas from the zod schemas; /docs serves Swagger UI from this host", async () => {
  await withTestApp(async (app) => {
    const res = await fetch(`${app.url}/functions/v1/api/openapi.json`);
    assert.equal(res.status, 200, "public: it holds no data");
    const doc = await res.json();
    assert.equal(doc.openapi, "3.1.0");
    assert.deepEqual(doc.servers, [{ url: "/functions/v1/api" }]);
    assert.deepEqual(doc, JSON.parse(JSON.stringify(apiDocument())));
    const patch = doc.paths["/complaints/{id}"].patch;
    assert.deepEqual(patch.parameters[0], {
      name: "id",
      in: "path",
      required: true,
      description: "The complaint's id",
      schema: { type: "string" },
    });
    const body = patch.requestBody.content["application/json"].schema;
    assert.equal(body.additionalProperties, false, "PATCH refuses unknown fields, and says so");
    assert.ok(body.properties.category.enum.includes("billing"));
    const list = doc.paths["/complaints"].get.parameters.map((p: { name: string }) => p.name);
    assert.ok(list.includes("status") && list.includes("page"), list.join());
    for (const path of Object.keys(doc.paths)) assert.ok(!path.includes(":"), path);
    assert.equal(
      Object.values(doc.paths).reduce((n: number, ops) => n + Object.keys(ops as object).length, 0),
      API_ROUTES.length,
    );
    assert.ok(openApiPath("/a/:b/c/:d") === "/a/{b}/c/{d}");

    const page = await fetch(`${app.url}/functions/v1/api/docs`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes('src="docs/swagger-ui-bundle.js"'));
    for (const asset of ["docs/swagger-ui-bundle.js", "docs/swagger-ui.css", "docs/init.js"]) {
      const a = await fetch(`${app.url}/functions/v1/api/${asset}`);
      assert.equal(a.status, 200, asset);
      assert.ok((await a.arrayBuffer()).byteLength > 40, asset);
    }
  });
});

Deno.test("the seed's names work: POST /complaints creates through the pipeline, PUT /complaints/:id changes, GET /s3-stats counts", async () => {
  await withTestApp(async (app) => {
    const created = await app.api("/complaints", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        customer_email: "dana@example.net",
        subject: "Charged twice for order ZE-2026-031842",
        content: "My card was charged twice for order ZE-2026-031842. Refund the second one.",
      }),
    });
    assert.equal(created.status, 201);
    const { id, category } = await created.json();
    assert.equal(category, "billing");
    const put = await app.api(`/complaints/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "resolved", note: "Refunded." }),
    });
    assert.equal(put.status, 200);
    assert.equal((await put.json()).status, "resolved");
    const refused = await app.api(`/complaints/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ subject: "rewritten" }),
    });
    assert.equal(refused.status, 422, "the same rules as PATCH");
    await refused.body?.cancel();
    const [s3, storage] = await Promise.all(
      ["/s3-stats", "/storage-stats"].map(async (p) => await (await app.api(p)).json()),
    );
    assert.deepEqual(s3, storage);
    assert.equal(s3.byKind.raw.objects, 1);
  });
});
