import assert from "node:assert/strict";
import { INLINE_FROM_BYTES, OffloadPool } from "./pool.ts";
import { parseEmail } from "../mime/parse.ts";
import { analyzeLocally } from "../analyze/local/analyzer.ts";
import { emailWithAttachments } from "../../test/support/mail_builder.ts";

const MISBEHAVING = new URL(
  "../../test/support/fixtures/offload_misbehaving_worker.ts",
  import.meta.url,
);
const utf8 = (s: string) => new TextEncoder().encode(s);

function mailWithAttachment(i: number): Uint8Array {
  return utf8(emailWithAttachments({
    subject: `Заказ ORD-${1000 + i} пришёл сломанным`,
    body: `Hello, order ORD-${1000 + i} arrived broken and I want a refund of 15 990 KZT.`,
    attachments: [
      {
        filename: "a.bin",
        contentType: "application/octet-stream",
        bytes: new Uint8Array([i, 1, 2]),
      },
      { filename: "b.txt", contentType: "text/plain", bytes: utf8(`note ${i}`) },
    ],
    messageId: `offload-${i}`,
  }));
}

Deno.test("a parse on a worker gives what parsing here gives, attachment bytes included", async () => {
  const pool = new OffloadPool({ size: 1, timeoutMs: 30_000 });
  try {
    for (let i = 0; i < 3; i++) {
      const raw = mailWithAttachment(i);
      assert.deepStrictEqual(await pool.parse(raw), await parseEmail(raw));
    }
    assert.deepStrictEqual(pool.workers, 1);
  } finally {
    await pool.close();
  }
});

Deno.test("an analysis on a worker equals the local analyzer's, without the files' bytes", async () => {
  const pool = new OffloadPool({ size: 1, timeoutMs: 30_000 });
  const input = {
    subject: "Charged twice for order #A-100",
    body: "My card was charged $49.99 twice on 3 Sep 2026. Please refund one charge.",
    attachmentsText: [],
    from: "a@example.test",
    receivedAt: "2026-09-07T05:00:00.000Z",
  };
  try {
    const files = [{ filename: "p.png", contentType: "image/png", data: new Uint8Array(10) }];
    assert.deepStrictEqual(await pool.analyze({ ...input, files }), analyzeLocally(input));
  } finally {
    await pool.close();
  }
});

Deno.test("answers that come back out of order reach the job that asked", async () => {
  // Parsing awaits inside the worker, analysis does not: later jobs can finish first.
  const pool = new OffloadPool({ size: 1, timeoutMs: 30_000 });
  try {
    const raws = Array.from({ length: 6 }, (_, i) => mailWithAttachment(i));
    const jobs = raws.flatMap((raw, i) => [
      pool.parse(raw).then((p) => p.subject),
      pool.analyze({
        subject: `s${i}`,
        body: `order ORD-${2000 + i} never arrived`,
        attachmentsText: [],
        from: "",
        receivedAt: "2026-09-07T05:00:00.000Z",
      }).then((a) => a.entities.orderNumbers.join()),
    ]);
    const out = await Promise.all(jobs);
    raws.forEach((_, i) => {
      assert.deepStrictEqual(out[2 * i], `Заказ ORD-${1000 + i} пришёл сломанным`);
      assert.deepStrictEqual(out[2 * i + 1], `ORD-${2000 + i}`);
    });
  } finally {
    await pool.close();
  }
});

Deno.test("a stuck job fails after the timeout; the jobs queued behind it still finish", async () => {
  const pool = new OffloadPool({ size: 1, timeoutMs: 3_000, workerUrl: MISBEHAVING });
  try {
    const stuck = pool.parse(utf8("hang"));
    const behind = pool.parse(mailWithAttachment(7));
    await assert.rejects(stuck, /did not finish in 3000 ms/);
    assert.deepStrictEqual((await behind).attachments.length, 2);
    assert.deepStrictEqual(pool.workers, 1); // the stuck worker was replaced, not kept
  } finally {
    await pool.close();
  }
});

Deno.test("a worker slow to start is not timed until it is up: its first job succeeds", async () => {
  const slow = new URL(`${MISBEHAVING.href}?slow-start=1500`);
  const pool = new OffloadPool({ size: 1, timeoutMs: 1_000, workerUrl: slow });
  try {
    const parsed = await pool.parse(mailWithAttachment(5));
    assert.ok(parsed.subject.includes("ORD-1005"));
    assert.deepStrictEqual(pool.workers, 1);
  } finally {
    await pool.close();
  }
});

Deno.test("a crashing worker fails only the job it ran; the next job gets a new worker", async () => {
  const pool = new OffloadPool({ size: 1, timeoutMs: 30_000, workerUrl: MISBEHAVING });
  try {
    await assert.rejects(pool.parse(utf8("crash")), /offload worker crashed/);
    const parsed = await pool.parse(mailWithAttachment(8));
    assert.ok(parsed.subject.includes("ORD-1008"));
  } finally {
    await pool.close();
  }
});

Deno.test("with no workers the jobs run on the calling thread", async () => {
  const pool = new OffloadPool({ size: 0, timeoutMs: 30_000 });
  const raw = mailWithAttachment(9);
  assert.equal(pool.parsesAside(raw), false);
  assert.deepStrictEqual(await pool.parse(raw), await parseEmail(raw));
  assert.deepStrictEqual(pool.workers, 0);
  await pool.close();
});

Deno.test("after close, jobs are refused and unfinished ones fail", async () => {
  const pool = new OffloadPool({ size: 1, timeoutMs: 30_000, workerUrl: MISBEHAVING });
  const pending = pool.parse(utf8("hang"));
  await pool.close();
  await assert.rejects(pending, /closed/);
  await assert.rejects(pool.parse(mailWithAttachment(1)), /closed/);
});

Deno.test("a large mail is parsed on the calling thread, where its buffers are collected", async () => {
  const pool = new OffloadPool({ size: 1, timeoutMs: 30_000, workerUrl: MISBEHAVING });
  try {
    const big = new Uint8Array(INLINE_FROM_BYTES).fill(0x61);
    assert.equal(pool.parsesAside(big), false);
    assert.equal(pool.parsesAside(big.subarray(1)), true, "one byte less goes to a worker");
    const parsed = await pool.parse(big);
    assert.ok(parsed.text.startsWith("aaa"));
    assert.deepStrictEqual(pool.workers, 0);
  } finally {
    await pool.close();
  }
});
