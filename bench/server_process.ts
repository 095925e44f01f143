/** The product (bench/server.ts) in its own process, as the benchmarks run it. */
export interface BenchServer {
  url: string;
  ingestToken: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Start bench/server.ts with `env` (and any runtime `flags`), and resolve once it printed the
 * JSON line with its URL, ingest token and pid.
 */
export async function startBenchServer(
  env: Record<string, string>,
  flags: string[] = [],
): Promise<BenchServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...flags, new URL("./server.ts", import.meta.url).pathname],
    env,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = "";
  while (!line.includes("\n")) line += (await reader.read()).value ?? "";
  const { url, ingestToken, pid } = JSON.parse(line.split("\n")[0]);
  return {
    url,
    ingestToken,
    pid,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      reader.releaseLock();
    },
  };
}

/**
 * How `deno task start` runs the product (deno.json owns it): the environment it sets before the
 * command (`MALLOC_ARENA_MAX=2`) and the runtime flags, for a server run as it runs.
 */
export function startCommand(): { env: Record<string, string>; flags: string[] } {
  const config = JSON.parse(Deno.readTextFileSync(new URL("../deno.json", import.meta.url)));
  const words = (config.tasks.start as string).split(/\s+/);
  const env: Record<string, string> = {};
  for (const w of words) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(w);
    if (!m) break;
    env[m[1]] = m[2];
  }
  return { env, flags: words.filter((w) => w.startsWith("--v8-flags=")) };
}
