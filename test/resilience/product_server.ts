/**
 * The real product (`main.ts`) as a child process, for tests that crash and restart it: it is
 * started as `deno run -A main.ts` (or with the permissions given) from the repo root on a random port (PORT=0), its address is
 * read from its `listening` log line, and it can be killed outright (SIGKILL) or stopped the way
 * an operator would (SIGTERM).
 */

const REPO_ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Variables that would switch an adapter from the embedded default to a real service; set empty
 * (= unset for lib/config.ts) so the caller's environment cannot leak into the test.
 */
const ADAPTER_VARS = [
  "MONGODB_URI",
  "S3_BUCKET",
  "S3_ENDPOINT",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "ANTHROPIC_API_KEY",
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_CHAT_ID",
  "PUBLIC_URL",
];

export interface ProductServer {
  /** Base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly pid: number;
  /** Everything the process wrote so far (stdout and stderr interleaved by arrival). */
  output(): string;
  /** SIGKILL: no shutdown handler runs. Resolves once the process is gone. */
  kill(): Promise<Deno.CommandStatus>;
  /** SIGTERM (its graceful shutdown), SIGKILL after `graceMs`. Resolves with the exit status. */
  stop(graceMs?: number): Promise<Deno.CommandStatus>;
}

/**
 * Start `main.ts` with `env` on 127.0.0.1 and a random port; resolves once it logged
 * `listening`. Throws (with its output) if it exits first or takes longer than `timeoutMs`.
 */
export async function startProduct(
  env: Record<string, string>,
  timeoutMs = 30_000,
  /** Deno's permission flags for the product (default `-A`, as `task start` runs it). */
  permissions: string[] = ["-A"],
  /** The entry point, relative to the repo root (an edge function's, say). */
  entry = "main.ts",
): Promise<ProductServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, entry],
    cwd: REPO_ROOT,
    env: {
      ...Object.fromEntries(ADAPTER_VARS.map((name) => [name, ""])),
      PORT: "0",
      HOSTNAME: "127.0.0.1",
      ...env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  const chunks: string[] = [];
  let url: string | undefined;
  let onListening: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => onListening = resolve);
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    let pending = "";
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      chunks.push(text);
      if (url) continue;
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const event = parseLine(line);
        if (event?.event === "listening" && typeof event.url === "string") {
          url = event.url;
          onListening(url);
        }
      }
    }
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]);
  const status = child.status;

  const waitExit = async (ms: number): Promise<Deno.CommandStatus | null> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = await Promise.race([
      status,
      new Promise<null>((resolve) => timer = setTimeout(() => resolve(null), ms)),
    ]);
    clearTimeout(timer);
    return result;
  };
  const signal = (name: Deno.Signal) => {
    try {
      child.kill(name);
    } catch {
      // already exited
    }
  };
  const kill = async () => {
    signal("SIGKILL");
    const s = await status;
    await drained;
    return s;
  };
  const output = () => chunks.join("");

  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = await Promise.race([
    listening,
    status.then(() => new Error("exited before listening")),
    new Promise<Error>((resolve) =>
      timer = setTimeout(() => resolve(new Error(`not listening after ${timeoutMs} ms`)), timeoutMs)
    ),
  ]);
  clearTimeout(timer);
  if (started instanceof Error) {
    await kill();
    throw new Error(`main.ts ${started.message}:\n${output().slice(-4000)}`);
  }

  return {
    url: started,
    pid: child.pid,
    output,
    kill,
    async stop(graceMs = 15_000) {
      signal("SIGTERM");
      const s = await waitExit(graceMs);
      if (s) {
        await drained;
        return s;
      }
      return await kill();
    },
  };
}

function parseLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith("{")) return null;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}
