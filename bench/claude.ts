/**
 * Triage throughput with Claude. The product runs in its own process with a Claude key, reaching
 * the fake Messages API (test/fakes) that answers every call after `--latency` ms; this process
 * posts `--complaints` unique complaints, `--concurrency` at a time, and prints complaints/s
 * against the ideal CLAUDE_CONCURRENCY / latency measured in the same run (issue target ≥ 0.8),
 * Claude calls per complaint and the most calls the fake saw in flight.
 *
 *   deno run -A bench/claude.ts [--complaints 200] [--concurrency 64] [--latency 1500]
 */
import { parseArgs } from "node:util";
import { startFakeAnthropic } from "../test/fakes/anthropic.ts";
import { validAnalysis } from "../test/support/analysis.ts";
import { TOOL_NAME } from "../lib/analyze/claude/prompt.ts";
import { smallEmail } from "./emails.ts";
import { startBenchServer } from "./server_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    complaints: { type: "string", default: "200" },
    concurrency: { type: "string", default: "64" },
    latency: { type: "string", default: "1500" },
    "claude-concurrency": { type: "string", default: "16" },
  },
});
const COMPLAINTS = Number(values.complaints);
const CONCURRENCY = Number(values.concurrency);
const LATENCY_MS = Number(values.latency);
const CLAUDE_CONCURRENCY = Number(values["claude-concurrency"]);

const fake = await startFakeAnthropic({
  respond: () => ({ toolUse: { name: TOOL_NAME, input: validAnalysis }, delayMs: LATENCY_MS }),
});
const dataDir = await Deno.makeTempDir({ prefix: "inbox-triage-bench-claude-" });
const server = await startBenchServer({
  DATA_DIR: dataDir,
  LOG_LEVEL: "error",
  ANTHROPIC_API_KEY: fake.apiKey,
  ANTHROPIC_BASE_URL: fake.url,
  CLAUDE_CONCURRENCY: String(CLAUDE_CONCURRENCY),
  CLAUDE_TIMEOUT_MS: String(LATENCY_MS * 4),
  RATE_LIMIT_INGEST_PER_MINUTE: "0",
});

let failures = 0;
const emails = Array.from({ length: COMPLAINTS }, (_, i) => smallEmail(i));
let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < emails.length) {
    const res = await fetch(`${server.url}/functions/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.ingestToken}`, "content-type": "message/rfc822" },
      body: emails[next++] as Uint8Array<ArrayBuffer>,
    });
    if (res.status !== 201) failures++;
    await res.body?.cancel();
  }
}));
const seconds = (performance.now() - started) / 1000;
const rate = COMPLAINTS / seconds;
const ideal = CLAUDE_CONCURRENCY / (LATENCY_MS / 1000);

console.log(
  `Claude triage: ${COMPLAINTS} unique complaints, ${CONCURRENCY} posts at a time, ` +
    `Claude answering in ${LATENCY_MS} ms, CLAUDE_CONCURRENCY=${CLAUDE_CONCURRENCY}`,
);
console.log(`| measure                     | value |`);
console.log(`| --------------------------- | ----- |`);
console.log(`| complaints/s                | ${rate.toFixed(2)} |`);
console.log(`| ideal (concurrency/latency) | ${ideal.toFixed(2)} |`);
console.log(`| ratio (target ≥ 0.8)        | ${(rate / ideal).toFixed(2)} |`);
console.log(`| Claude calls per complaint  | ${(fake.requests.length / COMPLAINTS).toFixed(2)} |`);
console.log(`| peak calls in flight        | ${fake.peakInFlight} |`);
console.log(`| failed posts                | ${failures} |`);

await server.stop();
await fake.stop();
await Deno.remove(dataDir, { recursive: true });
