import assert from "node:assert/strict";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { type S3Server, startS3rver } from "./s3rver.ts";

function clientFor(s3: S3Server): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    forcePathStyle: true,
    // With default checksums s3rver stores stream bodies with their aws-chunked framing.
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
}

function bytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

Deno.test("startS3rver stores and returns bytes through @aws-sdk/client-s3", async () => {
  const s3 = await startS3rver();
  const client = clientFor(s3);
  try {
    const body = bytes(70_000, 7);
    await client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: "a/b.bin", Body: body }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "a/b.bin" }));
    assert.deepEqual(await got.Body!.transformToByteArray(), body);
    await assert.rejects(
      client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "missing" })),
      (e: Error) => e.name === "NoSuchKey",
    );
  } finally {
    client.destroy();
    await s3.stop();
  }
});

Deno.test("startS3rver keeps a web ReadableStream body (via Readable.fromWeb) byte-exact", async () => {
  const s3 = await startS3rver("stream-bucket");
  const client = clientFor(s3);
  try {
    const parts = [bytes(40_000, 1), bytes(25_000, 2), bytes(3, 3)];
    const expected = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      expected.set(p, offset);
      offset += p.length;
    }
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of parts) controller.enqueue(p);
        controller.close();
      },
    });
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: "stream.bin",
        // Under Deno the SDK picks its Node http handler, which takes Node streams only.
        Body: Readable.fromWeb(stream as import("node:stream/web").ReadableStream),
        ContentLength: expected.length,
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "stream.bin" }));
    assert.deepEqual(await got.Body!.transformToByteArray(), expected);
  } finally {
    client.destroy();
    await s3.stop();
  }
});
