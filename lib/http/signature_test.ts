import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  authenticateIngest,
  SIGNATURE_HEADER,
  signatureHeaders,
  signatureHex,
  TIMESTAMP_HEADER,
} from "./signature.ts";
import { HttpError } from "./errors.ts";
import { MemoryCache } from "../cache/memory.ts";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";

const enc = new TextEncoder();
const SECRET = "s3cret-ingest-token";

function request(headers: Record<string, string>): Request {
  return new Request("http://x/", { method: "POST", headers });
}

async function status401(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof HttpError, String(error));
    assert.equal(error.status, 401);
    return error.message;
  }
  throw new Error("expected a 401");
}

Deno.test("signatureHex equals an independent HMAC-SHA256 of timestamp.body", async () => {
  const body = enc.encode("Subject: hi\r\n\r\nbody");
  const expected = createHmac("sha256", SECRET).update("1700000000.").update(body).digest("hex");
  assert.equal(await signatureHex(SECRET, 1700000000, body), expected);
});

Deno.test("a signature made now verifies the same body and refuses a tampered one", async () => {
  const body = enc.encode(sampleEmail());
  const now = 1_800_000_000;
  const headers = await signatureHeaders(SECRET, body, now);
  const auth = authenticateIngest(request(headers), SECRET, now + 10);
  assert.equal(auth.method, "signature");
  await auth.verifyBody(body);
  const tampered = body.slice();
  tampered[tampered.length - 3] ^= 1;
  assert.match(await status401(() => auth.verifyBody(tampered)), /does not match/);
});

Deno.test("a signature under another secret is refused", async () => {
  const body = enc.encode("x");
  const headers = await signatureHeaders("other-secret", body, 1000);
  const auth = authenticateIngest(request(headers), SECRET, 1000);
  await status401(() => auth.verifyBody(body));
});

Deno.test("timestamps more than five minutes away either way are refused before the body", async () => {
  const body = enc.encode("x");
  for (const skew of [301, -301, 3600]) {
    const headers = await signatureHeaders(SECRET, body, 10_000);
    const message = await status401(() =>
      authenticateIngest(request(headers), SECRET, 10_000 + skew)
    );
    assert.match(message, /window/);
  }
  for (const skew of [300, -300]) {
    const headers = await signatureHeaders(SECRET, body, 10_000);
    await authenticateIngest(request(headers), SECRET, 10_000 + skew).verifyBody(body);
  }
});

Deno.test("missing, malformed or unversioned signature headers are refused", async () => {
  const sig = await signatureHex(SECRET, 5, enc.encode("x"));
  const cases: Record<string, string>[] = [
    {},
    { [TIMESTAMP_HEADER]: "5" },
    { [SIGNATURE_HEADER]: `v1=${sig}` },
    { [TIMESTAMP_HEADER]: "5.0", [SIGNATURE_HEADER]: `v1=${sig}` },
    { [TIMESTAMP_HEADER]: "5", [SIGNATURE_HEADER]: sig },
    { [TIMESTAMP_HEADER]: "5", [SIGNATURE_HEADER]: "v1=" },
  ];
  for (const headers of cases) {
    await status401(async () => {
      await authenticateIngest(request(headers), SECRET, 5).verifyBody(enc.encode("x"));
    });
  }
});

Deno.test("one matching value among several comma-separated signatures is enough", async () => {
  const body = enc.encode("x");
  const good = await signatureHex(SECRET, 7, body);
  const headers = {
    [TIMESTAMP_HEADER]: "7",
    [SIGNATURE_HEADER]: `v1=${"0".repeat(64)}, v1=${good}`,
  };
  await authenticateIngest(request(headers), SECRET, 7).verifyBody(body);
});

Deno.test("the bearer token still authenticates without any signature", async () => {
  const auth = authenticateIngest(request({ authorization: `Bearer ${SECRET}` }), SECRET);
  assert.equal(auth.method, "bearer");
  await auth.verifyBody(enc.encode("anything"));
  await status401(() => authenticateIngest(request({ authorization: "Bearer nope" }), SECRET));
});

Deno.test("a verified signature is accepted once; its replay inside the window is refused", async () => {
  let clock = 50_000_000;
  const cache = new MemoryCache(100, () => clock);
  const body = enc.encode('{"connected":true}');
  const now = clock / 1000;
  const headers = await signatureHeaders(SECRET, body, now);
  const accept = async (h: Record<string, string>, at: number) => {
    const auth = authenticateIngest(request(h), SECRET, at);
    await auth.verifyBody(body);
    await auth.refuseReplay(cache);
  };
  await accept(headers, now);
  assert.match(await status401(() => accept(headers, now + 1)), /already used/);
  // Remembered to the window's edge; extra header values do not make it a new request.
  clock += 299_000;
  const padded = {
    ...headers,
    [SIGNATURE_HEADER]: `v1=${"0".repeat(64)},${headers[SIGNATURE_HEADER]}`,
  };
  assert.match(await status401(() => accept(padded, now + 299)), /already used/);
  // A fresh signature of the same body (a later second) is a new request.
  await accept(await signatureHeaders(SECRET, body, now + 1), now + 1);
  // The claim outlives the window: once the cache forgets it, the timestamp is stale anyway.
  clock += 3_000;
  assert.match(await status401(() => accept(headers, now + 302)), /window/);
});

Deno.test("refuseReplay is a no-op for a bearer token and needs verifyBody first", async () => {
  const cache = new MemoryCache();
  const bearer = authenticateIngest(request({ authorization: `Bearer ${SECRET}` }), SECRET);
  await bearer.refuseReplay(cache);
  await bearer.refuseReplay(cache);
  const body = enc.encode("x");
  const signed = authenticateIngest(request(await signatureHeaders(SECRET, body, 9)), SECRET, 9);
  await assert.rejects(() => signed.refuseReplay(cache), /before verifyBody/);
});

Deno.test("ingest over HTTP accepts a signed post, and answers 401 to a replay or a tampered body", async () => {
  const app = await startTestApp();
  try {
    const post = (body: Uint8Array, headers: Record<string, string>) =>
      fetch(`${app.url}/functions/v1/ingest`, {
        method: "POST",
        headers: { "content-type": "message/rfc822", ...headers },
        body: body as Uint8Array<ArrayBuffer>,
      });
    const raw = enc.encode(sampleEmail());
    const signed = await post(raw, await signatureHeaders(app.ingestToken, raw));
    assert.equal(signed.status, 201, await signed.clone().text());
    await signed.body?.cancel();

    const old = Math.floor(Date.now() / 1000) - 600;
    const replay = await post(raw, await signatureHeaders(app.ingestToken, raw, old));
    assert.equal(replay.status, 401);
    assert.equal((await replay.json()).error.code, "unauthorized");

    const other = enc.encode(sampleEmail({ subject: "Refund please" }));
    const tampered = await post(other, await signatureHeaders(app.ingestToken, raw));
    assert.equal(tampered.status, 401);
    await tampered.body?.cancel();

    assert.equal((await app.ctx.store.listComplaints({ page: 1, limit: 10 })).total, 1);
  } finally {
    await app.stop();
  }
});
