/**
 * Agents' views at scale. For each store (the embedded SQLite one, and MongoDB through FerretDB
 * when `ferretdb` is installed) this seeds `--count` realistic complaints through the store port
 * of the product's own context, then starts the product in its own process (bench/server.ts, as
 * the ingest benchmark does) and times, over HTTP and logged in as an agent (pages) or with the
 * API token (API), the p50/p95 of: the dashboard home, a filtered list (status + category) by
 * API and page, full-text search by API and page (common and rare words, several languages),
 * and `/stats`. `GET /api/health` in the same run is the floor: HTTP and routing, no view.
 *
 * FerretDB (v1.24, SQLite backend) pushes no filter but `{_id}` down: every other query reads and
 * decodes every document (≈ 1 ms each on 2 cores), and it inserts ≈ 250–400 complaints/s. So it is
 * seeded with `--ferret-count` (default 5,000: about 15 s) and each view is sampled for at most
 * `--budget` seconds (at least 3 requests); the table says how many requests each figure rests on.
 *
 *   deno run -A bench/scale.ts [--count 100000] [--ferret-count 5000] [--requests 40]
 *     [--budget 30] [--stores sqlite,ferretdb]
 */
import { parseArgs } from "node:util";
import { parseConfig } from "../lib/config.ts";
import { resolveSecrets } from "../lib/secrets.ts";
import { createContext } from "../lib/context.ts";
import { orderNumber, scaleComplaint } from "./scale_seed.ts";
import { type BenchServer, startBenchServer, startCommand } from "./server_process.ts";
import { type FerretServer, startFerret } from "../test/harness/ferretdb.ts";
import { findBinary } from "../test/harness/require.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    count: { type: "string", default: "100000" },
    "ferret-count": { type: "string", default: "5000" },
    budget: { type: "string", default: "30" },
    requests: { type: "string", default: "40" },
    warmup: { type: "string", default: "5" },
    stores: { type: "string", default: "sqlite,ferretdb" },
    concurrency: { type: "string", default: "16" },
    // For bench/all.ts: the rows as one JSON line at the end.
    json: { type: "boolean", default: false },
  },
});
const COUNT = Number(values.count);
const FERRET_COUNT = Number(values["ferret-count"]);
const BUDGET_MS = Number(values.budget) * 1000;
const MIN_SAMPLES = 3;
const REQUESTS = Number(values.requests);
const WARMUP = Number(values.warmup);
const CONCURRENCY = Number(values.concurrency);
const TARGET_MS = 100;

const SECRETS = {
  API_TOKEN: "scale-bench-api-token",
  INGEST_TOKEN: "scale-bench-ingest-token",
  ADMIN_EMAIL: "admin@example.com",
  ADMIN_PASSWORD: "scale bench password",
};

/** One view's timing on one store (`floor`: the same-run baseline, `/api/health`). */
export interface ScaleRow {
  view: string;
  store: string;
  count: number;
  n: number;
  p50: number;
  p95: number;
  floor?: boolean;
}

async function pool(count: number, n: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < count) await fn(next++);
  }));
}

/** Seed through the store port of the product's own context (as `deno task start` builds it). */
async function seed(env: Record<string, string>, count: number): Promise<number> {
  const config = await resolveSecrets(parseConfig(env), () => {});
  const ctx = await createContext(config);
  const now = Date.now();
  const t = performance.now();
  let last = t;
  try {
    await pool(count, CONCURRENCY, async (i) => {
      await ctx.store.createComplaint(scaleComplaint(i, count, now));
      if (performance.now() - last > 15_000) {
        last = performance.now();
        console.error(`  seeded ${i} of ${count} (${((last - t) / 1000).toFixed(0)} s)`);
      }
    });
    await ctx.store.flush();
  } finally {
    await ctx.close();
  }
  return (performance.now() - t) / 1000;
}

/** A logged-in agent's cookies (the login form, as a browser posts it). */
async function login(base: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
  const cookies = page.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { cookie: cookies.join("; ") },
    body: new URLSearchParams({
      _csrf: csrf,
      email: SECRETS.ADMIN_EMAIL,
      password: SECRETS.ADMIN_PASSWORD,
      next: "/",
    }),
    redirect: "manual",
  });
  await res.body?.cancel();
  if (res.status !== 303 && res.status !== 302) throw new Error(`login answered ${res.status}`);
  return [...cookies, ...res.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Time `paths` (taken in turn) one request at a time: the latency an agent sees, not throughput.
 * Every answer must be 200 with a body, read whole. Stops early once the budget is spent.
 */
async function timeView(
  server: BenchServer,
  paths: string[],
  headers: HeadersInit,
): Promise<{ n: number; p50: number; p95: number }> {
  const once = async (path: string) => {
    const t = performance.now();
    const res = await fetch(`${server.url}${path}`, { headers });
    const body = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200 || body.length === 0) {
      throw new Error(`${path} answered ${res.status}: ${body.slice(0, 200)}`);
    }
    return ms;
  };
  const start = performance.now();
  const spent = () => performance.now() - start > BUDGET_MS;
  for (let i = 0; i < WARMUP && !spent(); i++) await once(paths[i % paths.length]);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS && (i < MIN_SAMPLES || !spent()); i++) {
    times.push(await once(paths[i % paths.length]));
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

// What agents filter and search by: a small open queue, a busy one and a large closed one; common
// words in each language (tens of percent of complaints), product names (a few percent), a
// two-word phrase, a customer's surname and one order number (one or two complaints).
const FILTERS = [
  "status=new&category=delivery",
  "status=in_progress&category=billing",
  "status=resolved&category=quality",
];
const SEARCHES = [
  "refund",
  "order",
  "доставка",
  "заказ",
  "тапсырыс",
  "blender",
  "кофемашина",
  "wrong address",
  "whitfield",
  orderNumber(1234),
];
const q = (s: string) => `q=${encodeURIComponent(s)}`;

async function measure(server: BenchServer, store: string, count: number): Promise<ScaleRow[]> {
  const api = { authorization: `Bearer ${SECRETS.API_TOKEN}` };
  const page = { cookie: await login(server.url) };
  const views: [string, string[], HeadersInit, boolean?][] = [
    ["floor: GET /api/health", ["/functions/v1/api/health"], api, true],
    ["dashboard home (page)", ["/"], page],
    ["filtered list (API)", FILTERS.map((f) => `/functions/v1/api/complaints?${f}`), api],
    ["filtered list (page)", FILTERS.map((f) => `/complaints?${f}`), page],
    ["search (API)", SEARCHES.map((s) => `/functions/v1/api/complaints?${q(s)}`), api],
    ["search (page)", SEARCHES.map((s) => `/complaints?${q(s)}`), page],
    ["stats (API)", ["/functions/v1/api/stats"], api],
  ];
  const rows: ScaleRow[] = [];
  for (const [view, paths, headers, floor] of views) {
    const { n, p50, p95 } = await timeView(server, paths, headers);
    rows.push({ view, store, count, n, p50, p95, floor });
    console.error(`  ${view}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${n} requests)`);
  }
  return rows;
}

async function runStore(store: "sqlite" | "ferretdb"): Promise<ScaleRow[]> {
  const dataDir = await Deno.makeTempDir({ prefix: "inbox-triage-scale-" });
  let ferret: FerretServer | null = null;
  let server: BenchServer | null = null;
  try {
    const env: Record<string, string> = {
      ...SECRETS,
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
      // One agent's requests back to back exceed the default per-caller limit.
      RATE_LIMIT_API_PER_MINUTE: "0",
    };
    if (store === "ferretdb") {
      ferret = await startFerret();
      env.MONGODB_URI = ferret.uri;
      env.MONGODB_DB = "scale";
    }
    const count = store === "ferretdb" ? FERRET_COUNT : COUNT;
    console.error(`${store}: seeding ${count} complaints…`);
    const seconds = await seed(env, count);
    console.error(
      `${store}: seeded in ${seconds.toFixed(0)} s (${(count / seconds).toFixed(0)}/s)`,
    );
    server = await startBenchServer(
      { ...startCommand().env, ...env },
      startCommand().flags,
    );
    return await measure(server, store, count);
  } finally {
    await server?.stop();
    await ferret?.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
}

const stores = values.stores.split(",").map((s) => s.trim()).filter(Boolean);
const rows: ScaleRow[] = [];
const skipped: string[] = [];
for (const store of stores) {
  if (store !== "sqlite" && store !== "ferretdb") throw new Error(`unknown store ${store}`);
  if (store === "ferretdb" && !findBinary("ferretdb")) {
    skipped.push("ferretdb (binary not found)");
    continue;
  }
  rows.push(...await runStore(store));
}

const cell = (s: string | number, n: number) => String(s).padEnd(n);
const ms = (n: number) => n.toFixed(1);
const date = new Date().toISOString().slice(0, 10);
console.log(
  `\nAgents' views, up to ${REQUESTS} requests each after ${WARMUP} warm-up, one at a time ` +
    `(${navigator.hardwareConcurrency} cores, ${date})`,
);
console.log(
  `${cell("view", 26)} ${cell("store", 9)} ${cell("complaints", 11)} ${cell("n", 4)} ` +
    `${cell("p50 ms", 9)} ${cell("p95 ms", 9)} ${cell("target", 8)} met`,
);
let missed = 0;
for (const r of rows) {
  const met = r.floor ? "baseline" : r.p95 <= TARGET_MS ? "yes" : "no";
  if (met === "no") missed++;
  const target = r.floor ? "—" : `${TARGET_MS} ms`;
  console.log(
    `${cell(r.view, 26)} ${cell(r.store, 9)} ${cell(r.count, 11)} ${cell(r.n, 4)} ` +
      `${cell(ms(r.p50), 9)} ${cell(ms(r.p95), 9)} ${cell(target, 8)} ${met}`,
  );
}
for (const s of skipped) console.log(`skipped: ${s}`);
if (missed > 0) console.log(`${missed} view(s) over the ${TARGET_MS} ms p95 target`);
if (values.json) console.log(JSON.stringify({ rows, skipped, target: TARGET_MS }));
