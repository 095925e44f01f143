/**
 * Ingest benchmark. The product runs in its own process (as in production, where senders are
 * elsewhere); this process posts over HTTP and measures:
 * - emails/s end to end against bare postal-mime parsing of the same emails in the same run
 *   (target ratio ≥ 0.3);
 * - the server's peak RSS (VmHWM) over many posts of a ~2 MB email with attachments
 *   (target ≤ 300 MB).
 *
 *   deno task bench [--small 2000] [--large 1000] [--concurrency 8]
 */
import PostalMime from "postal-mime";
import { parseArgs } from "node:util";
import { largeEmails, smallEmail } from "./emails.ts";
import { startBenchServer } from "./server_process.ts";

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

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

function serverMemory(pid: number): { rss: number; peak: number } {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") * 1024, peak: kb("VmHWM") * 1024 };
}

/** CPU time (ms) used so far by each thread group of a process, from /proc. */
function cpuByThread(pid: number): Map<string, number> {
  const groups = new Map<string, number>();
  const tick = 1000 / 100; // USER_HZ
  for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/stat`);
    } catch {
      continue; // the thread ended
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const group = task.name === String(pid)
      ? "main thread"
      : name.startsWith("tokio")
      ? "I/O pool (fs, fsync)"
      : name.startsWith("V8")
      ? "V8 helpers (GC, JIT)"
      : name.startsWith("worker")
      ? "app workers"
      : "other";
    const ms = (Number(fields[11]) + Number(fields[12])) * tick;
    groups.set(group, (groups.get(group) ?? 0) + ms);
  }
  return groups;
}

const emails = Array.from({ length: SMALL }, (_, i) => smallEmail(i));
const sizes = emails.map((e) => e.length);

// Baseline: bare postal-mime over the same emails, one core.
for (const raw of emails.slice(0, 100)) await PostalMime.parse(raw);
let t = performance.now();
for (const raw of emails) await PostalMime.parse(raw);
const bareRate = SMALL / ((performance.now() - t) / 1000);

const dataDir = await Deno.makeTempDir({ prefix: "inbox-triage-bench-" });
const server = await startBenchServer(
  // As `deno task start` runs it: fewer glibc arenas keep freed attachment buffers from
  // pinning RSS across Deno's threads.
  { MALLOC_ARENA_MAX: "2", DATA_DIR: dataDir, LOG_LEVEL: "error" },
  // The flags `deno task start` uses (see deno.json and lib/pipeline/pipeline.ts).
  ["--v8-flags=--expose-gc,--max-semi-space-size=2,--optimize-for-size"],
);

let failures = 0;
const post = async (raw: Uint8Array) => {
  const res = await fetch(`${server.url}/functions/v1/ingest`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.ingestToken}`, "content-type": "message/rfc822" },
    body: raw as Uint8Array<ArrayBuffer>,
  });
  if (res.status !== 201) failures++;
  await res.body?.cancel();
};
await pool(Array.from({ length: 50 }, (_, i) => smallEmail(SMALL + i)), CONCURRENCY, post);
const cpuBefore = cpuByThread(server.pid);
const clientBefore = cpuByThread(Deno.pid);
t = performance.now();
await pool(emails, CONCURRENCY, post);
const e2eRate = SMALL / ((performance.now() - t) / 1000);
const cpuAfter = cpuByThread(server.pid);
const clientAfter = cpuByThread(Deno.pid);
const perEmail = (after: Map<string, number>, before: Map<string, number>) =>
  [...after].map(([group, ms]) => [group, (ms - (before.get(group) ?? 0)) / SMALL] as const)
    .filter(([, ms]) => ms > 0.005);
const serverCpu = perEmail(cpuAfter, cpuBefore);
const clientCpu = perEmail(clientAfter, clientBefore).reduce((a, [, ms]) => a + ms, 0);

const photo = new Uint8Array(1_400_000);
const block = crypto.getRandomValues(new Uint8Array(65536));
for (let i = 0; i < photo.length; i += block.length) {
  photo.set(block.subarray(0, Math.min(block.length, photo.length - i)), i);
}
const makeLarge = largeEmails(photo);
const before = serverMemory(server.pid);
t = performance.now();
await pool(
  Array.from({ length: LARGE }, (_, i) => i),
  Math.min(CONCURRENCY, 4),
  (i) => post(makeLarge(i)),
);
const largeSeconds = (performance.now() - t) / 1000;
const after = serverMemory(server.pid);
await server.stop();
await Deno.remove(dataDir, { recursive: true });

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
const avgKb = sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024;
console.log(
  `small emails:        ${SMALL} (avg ${avgKb.toFixed(1)} KB), concurrency ${CONCURRENCY}`,
);
console.log(`bare postal-mime:    ${bareRate.toFixed(0)} emails/s`);
console.log(`end to end (HTTP):   ${e2eRate.toFixed(0)} emails/s`);
console.log(`ratio e2e/bare:      ${(e2eRate / bareRate).toFixed(2)} (target ≥ 0.30)`);
// Where the machine's CPU goes per email: at the target ratio the whole machine (server and
// this client) would have cores / (0.3 × bare rate) ms per email.
const cores = navigator.hardwareConcurrency;
console.log(
  `CPU per email:       server ${serverCpu.reduce((a, [, ms]) => a + ms, 0).toFixed(2)} ms (${
    serverCpu.map(([g, ms]) => `${g} ${ms.toFixed(2)}`).join(", ")
  }); ` +
    `client ${clientCpu.toFixed(2)} ms; budget at ratio 0.30 on ${cores} cores: ${
      (cores * 1000 / (0.3 * bareRate)).toFixed(2)
    } ms`,
);
console.log(
  `large emails:        ${LARGE} × ${mb(makeLarge(0).length)} MB in ${largeSeconds.toFixed(1)} s ` +
    `(${(LARGE / largeSeconds).toFixed(1)}/s)`,
);
console.log(
  `server RSS:          ${mb(before.rss)} MB before large, ${mb(after.rss)} MB after; ` +
    `peak ${mb(after.peak)} MB (target ≤ 300 MB)`,
);
console.log(`failed posts:        ${failures}`);
if (failures > 0) Deno.exit(1);
