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
import { startBenchServer, startCommand } from "./server_process.ts";
import { type BenchRow, formatTable, rate } from "./table.ts";

export interface ClaudeBenchOptions {
  complaints: number;
  concurrency: number;
  latencyMs: number;
  claudeConcurrency: number;
  log: (line: string) => void;
}

/** Posts unique complaints to the product with Claude behind the fake; rows for the table. */
export async function claudeBench(o: ClaudeBenchOptions): Promise<BenchRow[]> {
  const fake = await startFakeAnthropic({
    respond: () => ({ toolUse: { name: TOOL_NAME, input: validAnalysis }, delayMs: o.latencyMs }),
  });
  const dataDir = await Deno.makeTempDir({ prefix: "inbox-triage-bench-claude-" });
  const server = await startBenchServer({
    ...startCommand().env,
    DATA_DIR: dataDir,
    LOG_LEVEL: "error",
    ANTHROPIC_API_KEY: fake.apiKey,
    ANTHROPIC_BASE_URL: fake.url,
    CLAUDE_CONCURRENCY: String(o.claudeConcurrency),
    CLAUDE_TIMEOUT_MS: String(o.latencyMs * 4),
    RATE_LIMIT_INGEST_PER_MINUTE: "0",
  }, startCommand().flags);

  let failures = 0;
  const emails = Array.from({ length: o.complaints }, (_, i) => smallEmail(i));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    while (next < emails.length) {
      const res = await fetch(`${server.url}/functions/v1/ingest`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${server.ingestToken}`,
          "content-type": "message/rfc822",
        },
        body: emails[next++] as Uint8Array<ArrayBuffer>,
      });
      if (res.status !== 201) failures++;
      await res.body?.cancel();
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await server.stop();
  await fake.stop();
  await Deno.remove(dataDir, { recursive: true });
  if (failures) throw new Error(`${failures} posts failed`);
  const perSecond = o.complaints / seconds;
  const ideal = o.claudeConcurrency / (o.latencyMs / 1000);
  o.log(
    `Claude: ${o.complaints} unique complaints, ${o.concurrency} posts at a time, answers in ` +
      `${o.latencyMs} ms, CLAUDE_CONCURRENCY=${o.claudeConcurrency}; ` +
      `${(fake.requests.length / o.complaints).toFixed(2)} calls per complaint, ` +
      `peak ${fake.peakInFlight} in flight`,
  );
  return [
    {
      measure: `triage with Claude (${o.latencyMs} ms fake), ${o.concurrency} concurrent posts`,
      value: rate(perSecond),
      baseline: `ideal ${rate(ideal)} (concurrency / latency)`,
      target: "≥ 0.80 × ideal",
      met: perSecond / ideal >= 0.8,
    },
    {
      measure: "  Claude calls per complaint",
      value: (fake.requests.length / o.complaints).toFixed(2),
      baseline: "",
      target: "≤ 1",
      met: fake.requests.length <= o.complaints,
    },
  ];
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      complaints: { type: "string", default: "200" },
      concurrency: { type: "string", default: "64" },
      latency: { type: "string", default: "1500" },
      "claude-concurrency": { type: "string", default: "16" },
    },
  });
  const rows = await claudeBench({
    complaints: Number(values.complaints),
    concurrency: Number(values.concurrency),
    latencyMs: Number(values.latency),
    claudeConcurrency: Number(values["claude-concurrency"]),
    log: (line) => console.log(line),
  });
  console.log(formatTable(rows));
}
