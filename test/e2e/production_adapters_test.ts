import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { MongoClient } from "mongodb";
import { startFerret } from "../harness/ferretdb.ts";
import { startS3rver } from "../harness/s3rver.ts";
import { startRedis } from "../harness/redis.ts";
import { startUpstashShim } from "../harness/upstash_shim.ts";
import { findBinary, skipUnless } from "../harness/require.ts";
import { startTestApp } from "../support/app.ts";
import { emailWithAttachments } from "../support/mail_builder.ts";
import { randomBytes } from "../contracts/blob_contract.ts";
import type { Complaint } from "../../lib/schema/complaint.ts";

Deno.test({
  name:
    "with MONGODB_URI, S3_* and UPSTASH_* set, ingest, read, search, patch, download and the analysis cache run on FerretDB + s3rver + redis",
  ignore: skipUnless("ferretdb", !!findBinary("ferretdb")) ||
    skipUnless("redis-server", !!findBinary("redis-server")),
  fn: async () => {
    const ferret = await startFerret();
    const s3 = await startS3rver("e2e-bucket");
    const redis = await startRedis();
    const upstash = await startUpstashShim(redis.port, "e2e-upstash-token");
    const dbName = `e2e_${crypto.randomUUID().replaceAll("-", "")}`;
    const app = await startTestApp({
      MONGODB_URI: ferret.uri,
      MONGODB_DB: dbName,
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: s3.region,
      S3_PRESIGN_SECONDS: "120",
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      UPSTASH_REDIS_REST_URL: upstash.url,
      UPSTASH_REDIS_REST_TOKEN: upstash.token,
    });
    const mongo = new MongoClient(ferret.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      const health = await (await fetch(`${app.url}/functions/v1/api/health`)).json();
      assert.equal(health.store, "mongodb");
      assert.equal(health.blobs, "s3");
      assert.equal(app.ctx.cache.name, "upstash");

      const photo = randomBytes(300_001);
      const note = new TextEncoder().encode("Courier left the parcel at the wrong porch.\n");
      const emails = [
        emailWithAttachments({
          subject: "Parcel ZE-2026-031842 damaged",
          body: "The box arrived crushed. Photo and note attached.",
          attachments: [
            { filename: "photo.bin", contentType: "application/octet-stream", bytes: photo },
            { filename: "note.txt", contentType: "text/plain", bytes: note },
          ],
        }),
        emailWithAttachments({
          subject: "Same photo again",
          body: "Sending the photo once more.",
          attachments: [{
            filename: "фото.bin",
            contentType: "application/octet-stream",
            bytes: photo,
          }],
        }),
      ];
      const ids: string[] = [];
      for (const raw of emails) {
        const res = await app.ingest(raw);
        assert.equal(res.status, 201, await res.clone().text());
        ids.push((await res.json()).id);
      }
      const again = await app.ingest(emails[0]);
      assert.equal(again.status, 200, "re-delivery of the same message is recognised");
      assert.equal((await again.json()).id, ids[0]);

      // Read back through the API.
      const first: Complaint = await (await app.api(`/complaints/${ids[0]}`)).json();
      assert.equal(first.subject, "Parcel ZE-2026-031842 damaged");
      assert.deepEqual(first.attachments.map((a) => [a.filename, a.size]), [
        ["photo.bin", photo.length],
        ["note.txt", note.length],
      ]);
      const list = await (await app.api("/complaints?limit=10")).json();
      assert.equal(list.total, 2);
      const search = async (q: string) =>
        (await (await app.api(`/complaints?q=${encodeURIComponent(q)}`)).json()).items
          .map((c: Complaint) => c.id);
      assert.deepEqual(await search("ZE-2026-031842"), [ids[0]]);
      assert.deepEqual(await search("porch"), [ids[0]], "attachment text is searchable");

      // Download: a redirect to a presigned S3 URL, whose bytes equal what was mailed.
      const download = await app.api(`/complaints/${ids[1]}/attachments/0`, { redirect: "manual" });
      assert.equal(download.status, 302);
      const location = download.headers.get("location")!;
      assert.ok(location.startsWith(`${s3.endpoint}/${s3.bucket}/att/`), location);
      assert.match(location, /X-Amz-Expires=120/);
      const file = await fetch(location);
      assert.equal(file.status, 200);
      const disposition = file.headers.get("content-disposition")!;
      assert.ok(disposition.startsWith("attachment; "), disposition);
      assert.ok(disposition.endsWith(`filename*=UTF-8''${encodeURIComponent("фото.bin")}`));
      assert.ok(Buffer.compare(new Uint8Array(await file.arrayBuffer()), photo) === 0);

      // An agent's change lands in MongoDB with its history entry.
      const patched = await app.api(`/complaints/${ids[0]}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "in_progress", note: "Calling the courier" }),
      });
      assert.equal(patched.status, 200, await patched.clone().text());
      const stored = await mongo.db(dbName).collection("complaints").findOne({ id: ids[0] });
      assert.equal(stored?.status, "in_progress");
      assert.ok(stored?.history.length >= 2);

      // The shared photo is one object; each raw email is one object.
      const stats = await (await app.api("/storage-stats")).json();
      const rawBytes = emails.reduce((n, r) => n + new TextEncoder().encode(r).length, 0);
      assert.deepEqual(stats.byKind.raw, { objects: 2, bytes: rawBytes });
      assert.deepEqual(stats.byKind.attachment, {
        objects: 2,
        bytes: photo.length + note.length,
      });
      // Besides them, at most one extraction record per distinct file.
      assert.ok(stats.byKind.extraction.objects <= 2);
      assert.equal(stats.objects, 4 + stats.byKind.extraction.objects);

      // The analysis cache lives in redis: the same complaint again is a hit.
      const analyze = () =>
        app.api("/analyze", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ customer_email: "a@example.test", content: "Parcel lost." }),
        }).then((r) => r.json());
      assert.equal((await analyze()).meta.cached, false);
      assert.equal((await analyze()).meta.cached, true);

      // MongoDB goes away: ingest answers 503 (the sender retries) and the raw email is kept.
      await ferret.stop();
      const late = emailWithAttachments({
        subject: "During the outage",
        body: "Hi",
        attachments: [],
      });
      const down = await app.ingest(late);
      assert.equal(down.status, 503, await down.clone().text());
      assert.equal((await down.json()).error.code, "unavailable");
      const after = await (await app.api("/storage-stats")).json();
      assert.equal(after.byKind.raw.objects, 3, "the raw email is in S3 before the store is asked");
    } finally {
      await mongo.close();
      await app.stop();
      await s3.stop();
      await upstash.stop();
      await redis.stop();
      await ferret.stop(); // harmless when already stopped
    }
  },
});
