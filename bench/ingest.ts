/**
 * Ingest benchmark. The product runs in its own process (as in production, where senders are
 * elsewhere); this process posts over HTTP and measures, against baselines of the same run:
 * - generated text mails, 8 concurrent posts: emails/s against the durable-intake floor
 *   (`../shared/bench/durable_floor.ts`, the least work of a durable, searchable intake) on the
 *   same mails (issue 15 target ≥ 0.5 of it);
 * - a realistic mix (complaints with PDF, DOCX, XLS and image attachments that repeat across mails,
 *   reposted with new Message-IDs), beside the text-only rate;
 * - the server's peak RSS (VmHWM) over the bench's own ~2 MB mails with attachments, and over
 *   200 × 2 MB mails of one random-bytes attachment posted one at a time (target ≤ 300 MB each).
 *
 *   deno run -A bench/ingest.ts [--small 4000] [--mix 200] [--large 1000] [--random 200]
 *     [--concurrency 8]
 */
import { parseArgs } from "node:util";
import { largeEmails, randomAttachmentEmail, realisticEmails, smallEmail } from "./emails.ts";
import { type BenchServer, startBenchServer, startCommand } from "./server_process.ts";
import { floorAvailable, startFloor } from "./floor_process.ts";
import { type BenchRow, formatTable, mb, rate } from "./table.ts";

export interface IngestBenchOptions {
  small: number;
  mix: number;
  large: number;
  random: number;
  concurrency: number;
  /** Where progress and per-thread CPU lines go. */
  log: (line: string) => void;
}

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
      ? "I/O pool"
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

/** Posts raw emails to one server and counts answers other than `expected`. */
function poster(url: string, headers: Record<string, string>, expected: number[]) {
  const counter = {
    failures: 0,
    async post(raw: Uint8Array): Promise<void> {
      const res = await fetch(url, {
        method: "POST",
        headers,
        body: raw as Uint8Array<ArrayBuffer>,
      });
      if (!expected.includes(res.status)) counter.failures++;
      await res.body?.cancel();
    },
  };
  return counter;
}

function productPoster(server: BenchServer) {
  return poster(`${server.url}/functions/v1/ingest`, {
    authorization: `Bearer ${server.ingestToken}`,
    "content-type": "message/rfc822",
  }, [201]);
}

/** The product as `deno task start` runs it, on a temp DATA_DIR. */
async function startProduct(): Promise<BenchServer & { dataDir: string }> {
  const dataDir = await Deno.makeTempDir({ prefix: "inbox-triage-bench-" });
  const server = await startBenchServer(
    // As `deno task start` runs it (deno.json): fewer glibc arenas keep freed attachment buffers
    // from pinning RSS across Deno's threads. The per-sender rate limit guards against abuse,
    // not work: one benchmark client is far past it.
    {
      ...startCommand().env,
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
      RATE_LIMIT_INGEST_PER_MINUTE: "0",
    },
    startCommand().flags,
  );
  return { ...server, dataDir };
}

async function stopProduct(server: BenchServer & { dataDir: string }): Promise<void> {
  await server.stop();
  await Deno.remove(server.dataDir, { recursive: true });
}

/** Runs every ingest measure and returns its rows for the table. */
export async function ingestBench(o: IngestBenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const emails = Array.from({ length: o.small }, (_, i) => smallEmail(i));
  const warmup = Array.from({ length: 100 }, (_, i) => smallEmail(o.small + i));
  const avgKb = emails.reduce((a, e) => a + e.length, 0) / emails.length / 1024;

  // The floor first, on the same mails (it keeps its own database).
  let floorRate: number | null = null;
  if (floorAvailable()) {
    const floor = await startFloor();
    const p = poster(floor.url, {}, [201]);
    await pool(warmup, o.concurrency, p.post);
    const t = performance.now();
    await pool(emails, o.concurrency, p.post);
    floorRate = o.small / ((performance.now() - t) / 1000);
    await floor.stop();
    if (p.failures) throw new Error(`the floor failed ${p.failures} posts`);
  } else {
    o.log("durable floor not found beside the repository (../shared/bench): no ratio");
  }

  const product = await startProduct();
  const p = productPoster(product);
  await pool(warmup, o.concurrency, p.post);
  const cpuBefore = cpuByThread(product.pid);
  let t = performance.now();
  await pool(emails, o.concurrency, p.post);
  const textRate = o.small / ((performance.now() - t) / 1000);
  const cpu = [...cpuByThread(product.pid)].map(([group, ms]) =>
    [group, (ms - (cpuBefore.get(group) ?? 0)) / o.small] as const
  ).filter(([, ms]) => ms > 0.005);
  o.log(
    `text mails: server CPU per email ${cpu.reduce((a, [, ms]) => a + ms, 0).toFixed(2)} ms (${
      cpu.map(([g, ms]) => `${g} ${ms.toFixed(2)}`).join(", ")
    })`,
  );
  rows.push({
    measure: `text mails (${avgKb.toFixed(1)} KB), ${o.concurrency} concurrent posts`,
    value: rate(textRate),
    baseline: floorRate === null ? "" : `durable floor ${rate(floorRate)}`,
    target: "≥ 0.50 × floor",
    met: floorRate === null ? null : textRate / floorRate >= 0.5,
  });
  if (floorRate !== null) {
    rows.push({
      measure: "  ratio to the durable floor",
      value: (textRate / floorRate).toFixed(2),
      baseline: "",
      target: "≥ 0.50",
      met: textRate / floorRate >= 0.5,
    });
  }

  if (o.mix > 0) {
    const mix = realisticEmails();
    const mixed = Array.from({ length: o.mix }, (_, i) => mix(i));
    await pool(Array.from({ length: 8 }, (_, i) => mix(o.mix + i)), o.concurrency, p.post);
    t = performance.now();
    await pool(mixed, o.concurrency, p.post);
    const mixRate = o.mix / ((performance.now() - t) / 1000);
    rows.push({
      measure: "realistic mix (PDF, DOCX, XLS, image attachments repeating)",
      value: rate(mixRate),
      baseline: `text mails ${rate(textRate)}`,
      target: "",
      met: null,
    });
  }
  await stopProduct(product);
  if (p.failures) throw new Error(`the product failed ${p.failures} posts`);

  if (o.large > 0) {
    const photo = new Uint8Array(1_400_000);
    const block = crypto.getRandomValues(new Uint8Array(65536));
    for (let i = 0; i < photo.length; i += block.length) {
      photo.set(block.subarray(0, Math.min(block.length, photo.length - i)), i);
    }
    const makeLarge = largeEmails(photo);
    const server = await startProduct();
    const lp = productPoster(server);
    const before = serverMemory(server.pid);
    t = performance.now();
    await pool(
      Array.from({ length: o.large }, (_, i) => i),
      Math.min(o.concurrency, 4),
      (i) => lp.post(makeLarge(i)),
    );
    const seconds = (performance.now() - t) / 1000;
    const after = serverMemory(server.pid);
    await stopProduct(server);
    if (lp.failures) throw new Error(`the product failed ${lp.failures} large posts`);
    rows.push({
      measure: `peak RSS, ${o.large} × ${
        mb(makeLarge(0).length)
      } mails (binary + CSV), 4 at a time`,
      value: mb(after.peak),
      baseline: `${mb(before.rss)} at start; ${rate(o.large / seconds)}`,
      target: "≤ 300 MB",
      met: after.peak <= 300 * 1024 * 1024,
    });
  }

  if (o.random > 0) {
    const server = await startProduct();
    const rp = productPoster(server);
    const before = serverMemory(server.pid);
    t = performance.now();
    let size = 0;
    for (let i = 0; i < o.random; i++) {
      const raw = randomAttachmentEmail(i, 2 * 1024 * 1024);
      size = raw.length;
      await rp.post(raw);
    }
    const seconds = (performance.now() - t) / 1000;
    const after = serverMemory(server.pid);
    await stopProduct(server);
    if (rp.failures) throw new Error(`the product failed ${rp.failures} random-attachment posts`);
    rows.push({
      measure: `peak RSS, ${o.random} × ${mb(size)} mails (one random octet-stream), 1 at a time`,
      value: mb(after.peak),
      baseline: `${mb(before.rss)} at start; ${rate(o.random / seconds)}`,
      target: "≤ 300 MB",
      met: after.peak <= 300 * 1024 * 1024,
    });
  }
  return rows;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      small: { type: "string", default: "4000" },
      mix: { type: "string", default: "200" },
      large: { type: "string", default: "1000" },
      random: { type: "string", default: "200" },
      concurrency: { type: "string", default: "8" },
    },
  });
  const rows = await ingestBench({
    small: Number(values.small),
    mix: Number(values.mix),
    large: Number(values.large),
    random: Number(values.random),
    concurrency: Number(values.concurrency),
    log: (line) => console.log(line),
  });
  console.log(formatTable(rows));
}
