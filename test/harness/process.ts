/**
 * Run a server binary as a child process whose output is kept (for error messages) and which can
 * be stopped cleanly: SIGTERM, then SIGKILL if it lingers, and its output streams fully drained so
 * Deno's resource sanitizer sees nothing left open.
 */
export interface ServerProcess {
  readonly pid: number;
  /** True until the process has exited. */
  alive(): boolean;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Stop the process (idempotent). */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
}

/** Start `command` with `options.args`; stdin is closed, stdout/stderr are collected. */
export function spawnServer(command: string, options: SpawnOptions): ServerProcess {
  const child = new Deno.Command(command, {
    args: options.args,
    cwd: options.cwd,
    env: options.env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const chunks: string[] = [];
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) chunks.push(decoder.decode(chunk, { stream: true }));
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]);
  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid,
    alive: () => !exited,
    output: () => chunks.join(""),
    stop() {
      stopping ??= (async () => {
        if (!exited) {
          try {
            child.kill("SIGTERM");
          } catch {
            // already gone
          }
          let timer: ReturnType<typeof setTimeout> | undefined;
          const killed = await Promise.race([
            status.then(() => false),
            new Promise<boolean>((resolve) => {
              timer = setTimeout(() => resolve(true), 5000);
            }),
          ]);
          clearTimeout(timer);
          if (killed) {
            try {
              child.kill("SIGKILL");
            } catch {
              // already gone
            }
          }
        }
        await status;
        await drained;
      })();
      return stopping;
    },
  };
}

/** Remove a directory tree, ignoring a directory that is already gone. */
export async function removeDir(dir: string): Promise<void> {
  try {
    await Deno.remove(dir, { recursive: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
