import { freePort, waitForPort } from "./free_port.ts";

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

/** How to start one kind of server for {@link startOnFreePort}. */
export interface FreePortServer {
  /** Named in errors. */
  name: string;
  /** Start it on `port` with `dir` as its temp folder (writing any config there first). */
  spawn(port: number, dir: string): ServerProcess | Promise<ServerProcess>;
  /** Resolves once the server answers a real request (the port is already open). */
  ready(port: number): Promise<void>;
  /** How long the port may take to open. Default 10 s. */
  waitMs?: number;
  /** More to put in the error, e.g. the server's own log file. */
  details?(dir: string): Promise<string>;
}

/**
 * Start a server in a new temp folder on a random free port and wait until it answers. A port
 * found free may be taken before the server binds it, so up to three ports are tried; the
 * error carries the server's output. `stop()` stops it and removes the folder.
 */
export async function startOnFreePort(
  server: FreePortServer,
): Promise<{ port: number; dir: string; stop(): Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: `${server.name}-` });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = freePort();
    const proc = await server.spawn(port, dir);
    try {
      await waitForPort(port, server.waitMs ?? 10_000, proc.alive);
      await server.ready(port);
      return {
        port,
        dir,
        stop: async () => {
          await proc.stop();
          await removeDir(dir);
        },
      };
    } catch (error) {
      await proc.stop();
      const details = server.details ? `\n${await server.details(dir)}` : "";
      lastError = new Error(`${server.name} failed: ${error}\n${proc.output()}${details}`);
    }
  }
  await removeDir(dir);
  throw lastError;
}
