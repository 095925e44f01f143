/**
 * Ingest benchmark: emails/s end to end through HTTP on the embedded defaults against bare
 * postal-mime parsing of the same emails in the same run (target ratio ≥ 0.3), and peak RSS
 * over many posts of a ~2 MB email with attachments (target ≤ 300 MB).
 *
 *   deno task bench [--small 2000] [--large 1000] [--concurrency 8]
 */
import PostalMime from "postal-mime";
import { parseArgs } from "node:util";
import { largeEmail, smallEmail } from "./emails.ts";
import { startTestApp } from "../test/support/app.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    small: { type: "string", default: "2000" },
    large: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "8" },
  },
});
const SMALL = Number(values.small);
const LARGE = Number(values.large);
const CONCURRENCY = Number(values.concurrency);

let peakRss = 0;
const sampler = setInterval(() => peakRss = Math.max(peakRss, Deno.memoryUsage().rss), 20);

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

const emails = Array.from({ length: SMALL }, (_, i) => smallEmail(i));

// Baseline: bare postal-mime over the same emails, one core.
for (const raw of emails.slice(0, 100)) await PostalMime.parse(raw);
let t = performance.now();
for (const raw of emails) await PostalMime.parse(raw);
const bareRate = SMALL / ((performance.now() - t) / 1000);

const app = await startTestApp();
let failures = 0;
const post = async (raw: Uint8Array) => {
  const res = await app.ingest(raw);
  if (res.status !== 201) failures++;
  await res.body?.cancel();
};
await pool(Array.from({ length: 50 }, (_, i) => smallEmail(SMALL + i)), CONCURRENCY, post);
t = performance.now();
await pool(emails, CONCURRENCY, post);
const e2eRate = SMALL / ((performance.now() - t) / 1000);

const blob = crypto.getRandomValues(new Uint8Array(65536));
const photo = new Uint8Array(1_400_000);
for (let i = 0; i < photo.length; i += blob.length) {
  photo.set(blob.subarray(0, Math.min(blob.length, photo.length - i)), i);
}
const rssBeforeLarge = Deno.memoryUsage().rss;
peakRss = rssBeforeLarge;
t = performance.now();
const sizes: number[] = [];
await pool(Array.from({ length: LARGE }, (_, i) => i), Math.min(CONCURRENCY, 4), async (i) => {
  const raw = largeEmail(i, photo);
  sizes.push(raw.length);
  await post(raw);
});
const largeSeconds = (performance.now() - t) / 1000;
clearInterval(sampler);
await app.stop();

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
console.log(`small emails:        ${SMALL}, concurrency ${CONCURRENCY}`);
console.log(`bare postal-mime:    ${bareRate.toFixed(0)} emails/s`);
console.log(`end to end (HTTP):   ${e2eRate.toFixed(0)} emails/s`);
console.log(`ratio e2e/bare:      ${(e2eRate / bareRate).toFixed(2)} (target ≥ 0.30)`);
console.log(
  `large emails:        ${LARGE} × ${mb(sizes[0] ?? 0)} MB in ${largeSeconds.toFixed(1)} s (${
    (LARGE / largeSeconds).toFixed(1)
  }/s)`,
);
console.log(
  `peak RSS (large):    ${mb(peakRss)} MB (before: ${mb(rssBeforeLarge)} MB; target ≤ 300 MB)`,
);
console.log(`failed posts:        ${failures}`);
if (failures > 0) Deno.exit(1);
