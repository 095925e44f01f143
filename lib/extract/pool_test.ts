import assert from "node:assert/strict";
import { ExtractPool } from "./pool.ts";
import { limitsFrom } from "./registry.ts";
import { parseConfig } from "../config.ts";
import type { ExtractJob } from "./types.ts";

const config = parseConfig({});
const limits = limitsFrom(config);
const png = Deno.readFileSync(new URL("../../test/fixtures/extract/scan_en.png", import.meta.url));

const textJob = (s: string): Omit<ExtractJob, "ocr"> => ({
  kind: "text",
  mime: "text/plain",
  filename: "a.txt",
  bytes: new TextEncoder().encode(s),
  limits,
});
const ocrJob: Omit<ExtractJob, "ocr"> = {
  kind: "image",
  mime: "image/png",
  filename: "scan.png",
  bytes: png,
  limits,
};

function pool(size: number, timeoutMs = 30_000) {
  return new ExtractPool({ size, timeoutMs, rusTraineddata: config.OCR_RUS_TRAINEDDATA });
}

Deno.test("a job over the timeout fails, its worker is replaced and the next job runs", async () => {
  // OCR needs Tesseract's start (≈200 ms) and a recognition: well over 150 ms.
  const p = pool(1, 150);
  try {
    const slow = await p.run(ocrJob);
    assert.equal(slow.status, "failed");
    assert.match(slow.reason ?? "", /timed out after 150 ms/);
    assert.equal(p.workers, 0, "the timed-out worker was terminated");
    const next = await p.run(textJob("after the timeout"));
    assert.equal(next.status, "done");
    assert.equal(next.text, "after the timeout");
  } finally {
    await p.close();
  }
});

Deno.test("the pool never runs more workers than its size and all jobs finish", async () => {
  const p = pool(2);
  try {
    const jobs = Array.from({ length: 6 }, (_, i) => p.run(textJob(`job ${i}`)));
    assert.ok(p.workers <= 2);
    const results = await Promise.all(jobs);
    assert.deepEqual(results.map((r) => r.text), [0, 1, 2, 3, 4, 5].map((i) => `job ${i}`));
    assert.equal(p.workers, 2);
  } finally {
    await p.close();
  }
});

Deno.test("OCR jobs run in parallel workers and read the same text", async () => {
  const p = pool(2);
  try {
    const results = await Promise.all([p.run(ocrJob), p.run(ocrJob), p.run(ocrJob)]);
    for (const r of results) assert.match(r.text, /ZE-2026-046608/);
  } finally {
    await p.close();
  }
});

Deno.test("close() terminates the workers and fails queued and later jobs", async () => {
  const p = pool(1);
  const running = p.run(ocrJob);
  const queued = p.run(textJob("queued"));
  await new Promise((r) => setTimeout(r, 20));
  await p.close();
  assert.equal((await running).status, "failed");
  assert.match((await queued).reason ?? "", /closed/);
  assert.equal(p.workers, 0);
  assert.match((await p.run(textJob("late"))).reason ?? "", /closed/);
});

Deno.test("a worker that crashes fails its job only; the pool replaces it", async () => {
  const p = new ExtractPool({
    size: 1,
    timeoutMs: 10_000,
    rusTraineddata: "",
    workerUrl: new URL("../../test/support/fixtures/crash_worker.ts", import.meta.url),
  });
  try {
    const [crashed, after] = await Promise.all([p.run(textJob("crash")), p.run(textJob("next"))]);
    assert.equal(crashed.status, "failed");
    assert.match(crashed.reason ?? "", /crashed: .*boom from a library/);
    assert.equal(after.status, "done");
    assert.equal(after.text, "next");
  } finally {
    await p.close();
  }
});

Deno.test("idle workers are terminated after idleMs and the next job starts a new one", async () => {
  const pool = new ExtractPool({
    size: 2,
    timeoutMs: 10_000,
    rusTraineddata: "/nonexistent",
    idleMs: 50,
  });
  try {
    const job = {
      kind: "text" as const,
      mime: "text/plain",
      filename: "a.txt",
      bytes: new TextEncoder().encode("hello idle"),
      limits: limitsFrom(parseConfig({})),
    };
    assert.equal((await pool.run(job)).text, "hello idle");
    assert.equal(pool.workers, 1);
    const deadline = Date.now() + 3000;
    while (pool.workers > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(pool.workers, 0, "the idle worker is gone");
    assert.equal((await pool.run(job)).text, "hello idle");
  } finally {
    await pool.close();
  }
});

Deno.test("without Web Workers (inline) jobs run in this isolate, in order, with the same results", async () => {
  const p = new ExtractPool({
    size: 2,
    timeoutMs: 30_000,
    rusTraineddata: config.OCR_RUS_TRAINEDDATA,
    inline: true,
  });
  try {
    const results = await Promise.all([p.run(textJob("first")), p.run(textJob("second"))]);
    assert.deepEqual(results.map((r) => [r.status, r.text]), [["done", "first"], [
      "done",
      "second",
    ]]);
    const scan = await p.run(ocrJob);
    assert.equal(scan.status, "done", scan.reason);
    assert.ok(scan.text.length > 20, "OCR reads the scan in-isolate too");
    assert.equal(p.workers, 0, "no Web Worker was started");
  } finally {
    await p.close();
  }
  const closed = await p.run(textJob("late"));
  assert.equal(closed.status, "failed");
});
