import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Hono } from "hono";
import { S3BlobStore, type S3BlobStoreOptions, s3ClientConfig } from "./s3.ts";
import { randomBytes, runBlobContract } from "../../test/contracts/blob_contract.ts";
import { type S3Server, startS3rver } from "../../test/harness/s3rver.ts";
import { freePort } from "../../test/harness/free_port.ts";
import { UnavailableError } from "../errors.ts";
import { errorHandler } from "../http/error_middleware.ts";
import { createLogger } from "../log.ts";

function optionsFor(s3: S3Server, bucket = s3.bucket): S3BlobStoreOptions {
  return {
    bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  };
}

async function withS3(fn: (s3: S3Server) => Promise<void>): Promise<void> {
  const s3 = await startS3rver();
  try {
    await fn(s3);
  } finally {
    await s3.stop();
  }
}

Deno.test("s3 blob store (s3rver) satisfies the blob store contract", (t) =>
  withS3(async (s3) => {
    const admin = new S3Client(s3ClientConfig(optionsFor(s3)));
    try {
      await runBlobContract(t, {
        async open() {
          // A bucket per step, so steps never see each other's objects.
          const bucket = `b-${crypto.randomUUID()}`;
          await admin.send(new CreateBucketCommand({ Bucket: bucket }));
          return new S3BlobStore(optionsFor(s3, bucket));
        },
        dispose: (store) => store.close?.() ?? Promise.resolve(),
      });
    } finally {
      admin.destroy();
    }
  }));

Deno.test("a ReadableStream body put with the product's client options round-trips byte-exact", () =>
  withS3(async (s3) => {
    const client = new S3Client(s3ClientConfig(optionsFor(s3)));
    try {
      const expected = randomBytes(200_003);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < expected.length; i += 65_536) {
            controller.enqueue(expected.slice(i, i + 65_536));
          }
          controller.close();
        },
      });
      await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: "att/stream.bin",
          // Under Deno the SDK uses its Node http handler, which takes Node streams.
          Body: Readable.fromWeb(stream as NodeWebStream),
          ContentLength: expected.length,
          ServerSideEncryption: "AES256",
        }),
      );
      const got = await client.send(
        new GetObjectCommand({ Bucket: s3.bucket, Key: "att/stream.bin" }),
      );
      const bytes = await got.Body!.transformToByteArray();
      assert.equal(bytes.length, expected.length);
      assert.ok(
        Buffer.compare(bytes, expected) === 0,
        "stream body stored with framing or altered",
      );
    } finally {
      client.destroy();
    }
  }));

Deno.test("a presigned URL fetched with plain fetch returns the bytes as an attachment", () =>
  withS3(async (s3) => {
    const store = new S3BlobStore(optionsFor(s3));
    try {
      const bytes = randomBytes(5000);
      await store.put("att/ab/report.pdf", bytes, "application/pdf");
      const url = await store.presignedUrl("att/ab/report.pdf", 'Отчёт "final".pdf');
      assert.ok(url?.startsWith(`${s3.endpoint}/${s3.bucket}/att/ab/report.pdf?`), url ?? "");
      assert.match(url!, /X-Amz-Expires=300/);
      const res = await fetch(url!);
      assert.equal(res.status, 200);
      const disposition = res.headers.get("content-disposition") ?? "";
      assert.match(disposition, /^attachment; filename="_____ _final_.pdf"/);
      assert.ok(
        disposition.includes(`filename*=UTF-8''${encodeURIComponent('Отчёт "final".pdf')}`),
      );
      assert.ok(Buffer.compare(new Uint8Array(await res.arrayBuffer()), bytes) === 0);
    } finally {
      await store.close();
    }
  }));

Deno.test("with a public endpoint, download URLs name it and still work (the app reaches S3 by another name)", () =>
  withS3(async (s3) => {
    const publicEndpoint = s3.endpoint.replace("127.0.0.1", "localhost");
    assert.notEqual(publicEndpoint, s3.endpoint);
    const store = new S3BlobStore({ ...optionsFor(s3), publicEndpoint });
    try {
      const bytes = randomBytes(3000);
      await store.put("att/cd/photo.jpg", bytes, "image/jpeg");
      const url = await store.presignedUrl("att/cd/photo.jpg", "photo.jpg");
      assert.ok(url?.startsWith(`${publicEndpoint}/${s3.bucket}/att/cd/photo.jpg?`), url ?? "");
      const res = await fetch(url!);
      assert.equal(res.status, 200);
      assert.ok(Buffer.compare(new Uint8Array(await res.arrayBuffer()), bytes) === 0);
      // The store itself still talks to the endpoint it was given.
      assert.ok(Buffer.compare((await store.get("att/cd/photo.jpg"))!, bytes) === 0);
    } finally {
      await store.close();
    }
  }));

Deno.test("every put asks for AES256 encryption and an existing key is not uploaded again", async () => {
  // s3rver ignores ServerSideEncryption, so a tiny S3 endpoint records what the store sends.
  const seen: { method: string; path: string; sse: string | null }[] = [];
  const stored = new Set<string>();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    seen.push({ method: req.method, path, sse: req.headers.get("x-amz-server-side-encryption") });
    await req.body?.cancel();
    if (req.method === "HEAD") return new Response(null, { status: stored.has(path) ? 200 : 404 });
    if (req.method === "PUT") {
      stored.add(path);
      return new Response(null, { headers: { etag: '"x"' } });
    }
    return new Response(null, { status: 400 });
  });
  const store = new S3BlobStore({
    bucket: "bkt",
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    accessKeyId: "k",
    secretAccessKey: "s",
  });
  try {
    await store.put("raw/ab/one.eml", new TextEncoder().encode("one"), "message/rfc822");
    await store.put("raw/ab/one.eml", new TextEncoder().encode("one"), "message/rfc822");
    const puts = seen.filter((r) => r.method === "PUT");
    assert.deepEqual(puts, [{ method: "PUT", path: "/bkt/raw/ab/one.eml", sse: "AES256" }]);
    assert.equal(seen.filter((r) => r.method === "HEAD").length, 2);
  } finally {
    await store.close();
    await server.shutdown();
  }
});

Deno.test("an unreachable S3 endpoint fails with an error the API maps to 503", async () => {
  const store = new S3BlobStore({
    bucket: "bkt",
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${freePort()}`,
    accessKeyId: "k",
    secretAccessKey: "s",
  });
  const app = new Hono();
  app.onError(errorHandler(createLogger("error", () => {})));
  app.get("/blob", async (c) => c.json({ found: (await store.get("raw/x.eml")) !== null }));
  try {
    const res = await app.request("/blob");
    assert.equal(res.status, 503);
    assert.equal((await res.json()).error.code, "unavailable");
  } finally {
    await store.close();
  }
});

Deno.test("a store pointed at a closed port rejects every call with UnavailableError, quickly, the SDK error as its cause", async () => {
  const store = new S3BlobStore({
    bucket: "bkt",
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${freePort()}`,
    accessKeyId: "k",
    secretAccessKey: "s",
    maxAttempts: 1,
    connectionTimeoutMs: 500,
  });
  const started = Date.now();
  try {
    const calls: [string, () => Promise<unknown>][] = [
      ["get", () => store.get("raw/x.eml")],
      ["has", () => store.has("raw/x.eml")],
      ["put", () => store.put("raw/x.eml", new Uint8Array([1]))],
      ["delete", () => store.delete("raw/x.eml")],
      ["list", async () => {
        for await (const _ of store.list("raw/")) { /* drain */ }
      }],
    ];
    for (const [name, call] of calls) {
      await assert.rejects(call, (err) => {
        assert.ok(err instanceof UnavailableError, `${name}: ${err}`);
        assert.equal(err.code, "unavailable");
        assert.ok(err.cause instanceof Error, `${name}: the SDK error is kept`);
        assert.match(String(err.cause), /ECONNREFUSED|connect/i, name);
        return true;
      });
    }
  } finally {
    await store.close();
  }
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});

Deno.test("S3's own 4xx answers are not an outage: a 403 passes through as the SDK's error", async () => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    await req.body?.cancel();
    return new Response(
      '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>no</Message></Error>',
      { status: 403, headers: { "content-type": "application/xml" } },
    );
  });
  const store = new S3BlobStore({
    bucket: "bkt",
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    accessKeyId: "k",
    secretAccessKey: "s",
    maxAttempts: 1,
  });
  try {
    await assert.rejects(() => store.delete("raw/x.eml"), (err) => {
      assert.ok(!(err instanceof UnavailableError), String(err));
      assert.equal((err as Error).name, "AccessDenied");
      return true;
    });
  } finally {
    await store.close();
    await server.shutdown();
  }
});

Deno.test("an S3 answering 503 is unavailable too", async () => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    await req.body?.cancel();
    return new Response(
      '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>busy</Message></Error>',
      { status: 503, headers: { "content-type": "application/xml" } },
    );
  });
  const store = new S3BlobStore({
    bucket: "bkt",
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    accessKeyId: "k",
    secretAccessKey: "s",
    maxAttempts: 1,
  });
  try {
    await assert.rejects(() => store.delete("raw/x.eml"), (err) => {
      assert.ok(err instanceof UnavailableError, String(err));
      assert.equal(
        (err.cause as { $metadata?: { httpStatusCode?: number } }).$metadata
          ?.httpStatusCode,
        503,
      );
      return true;
    });
  } finally {
    await store.close();
    await server.shutdown();
  }
});
