import assert from "node:assert/strict";
import { bearerToken, hasBearer } from "./auth.ts";

const req = (authorization?: string) =>
  new Request("http://127.0.0.1/", {
    headers: authorization === undefined ? {} : { authorization },
  });

Deno.test("bearerToken reads the token of a Bearer header, any case, trailing space", () => {
  assert.equal(bearerToken(req("Bearer abc123")), "abc123");
  assert.equal(bearerToken(req("bearer abc123")), "abc123");
  assert.equal(bearerToken(req("BEARER   abc-_.~+/=  ")), "abc-_.~+/=");
});

Deno.test("bearerToken is null without a usable Bearer header", () => {
  assert.equal(bearerToken(req()), null);
  assert.equal(bearerToken(req("")), null);
  assert.equal(bearerToken(req("Bearer")), null);
  assert.equal(bearerToken(req("Bearer ")), null);
  assert.equal(bearerToken(req("Basic YTpi")), null);
  assert.equal(bearerToken(req("Bearer two words")), null);
  assert.equal(bearerToken(req("Token abc")), null);
});

Deno.test("hasBearer accepts only exactly the configured token", () => {
  const token = "s3cr3t-token";
  assert.equal(hasBearer(req(`Bearer ${token}`), token), true);
  assert.equal(hasBearer(req(`Bearer ${token}x`), token), false);
  assert.equal(hasBearer(req(`Bearer ${token.slice(0, -1)}`), token), false);
  assert.equal(hasBearer(req(`Bearer S3CR3T-TOKEN`), token), false);
  assert.equal(hasBearer(req(`Basic ${token}`), token), false);
  assert.equal(hasBearer(req(), token), false);
});
