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

Deno.test("loginRedirect carries the requested path in next", () => {
  assert.equal(
    loginRedirect(new URL("http://h/complaints?q=a b")),
    "/login?next=%2Fcomplaints%3Fq%3Da%2520b",
  );
  assert.equal(loginRedirect(new URL("http://h/")), "/login");
});
