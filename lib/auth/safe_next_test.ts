import assert from "node:assert/strict";
import { loginRedirect, safeNext } from "./safe_next.ts";

Deno.test("safeNext keeps local paths with their query", () => {
  assert.equal(safeNext("/complaints?status=new&page=2"), "/complaints?status=new&page=2");
  assert.equal(safeNext("/complaints/abc"), "/complaints/abc");
});

Deno.test("safeNext refuses anything that could leave the site", () => {
  for (
    const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "/\tevil",
      "evil",
      "",
      null,
      undefined,
    ]
  ) {
    assert.equal(safeNext(bad), "/", String(bad));
  }
});

Deno.test("safeNext judges the resolved path: dot segments that resolve to //host go home", () => {
  for (
    const bad of [
      "/.//evil.example",
      "/./\\evil.example",
      "/a/..//host",
      "/..//host",
      "/%2e//host",
      "/%2E%2e//host",
      "/x/%2e%2e/%2e%2e//host",
      "/%252e//host",
      "/%2f%2fhost",
      "/%5chost",
    ]
  ) {
    assert.equal(safeNext(bad), "/", bad);
  }
});

Deno.test("safeNext returns the normalised path, query and hash it checked", () => {
  assert.equal(safeNext("/complaints/./abc/../def?q=a%20b#top"), "/complaints/def?q=a%20b#top");
  assert.equal(safeNext("/complaints?next=//evil.example"), "/complaints?next=//evil.example");
  assert.equal(safeNext("/complaints?q=100%"), "/complaints?q=100%");
});

Deno.test("what a GET /login?next=… query decodes to never leaves the site", () => {
  for (const query of ["next=/.//evil.example", "next=/a/..//host", "next=/%252e//host"]) {
    const next = new URL(`http://h/login?${query}`).searchParams.get("next");
    const target = new URL(safeNext(next), "https://inbox.example");
    assert.equal(target.origin, "https://inbox.example", query);
    assert.equal(target.pathname, "/", query);
  }
});

Deno.test("loginRedirect carries the requested path in next", () => {
  assert.equal(
    loginRedirect(new URL("http://h/complaints?q=a b")),
    "/login?next=%2Fcomplaints%3Fq%3Da%2520b",
  );
  assert.equal(loginRedirect(new URL("http://h/")), "/login");
});
