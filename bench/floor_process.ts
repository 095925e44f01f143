/**
 * The durable-intake floor (`../shared/bench/durable_floor.ts`: hash, fsync'd raw, postal-mime,
 * one SQLite row plus a full-text row, WAL group commit, 201) in its own process, so the ingest
 * benchmark measures it beside the product in the same run.
 */
export interface FloorServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Where the floor lives: the shared folder beside the repository (read, never copied). */
export const FLOOR_SCRIPT = new URL("../../shared/bench/durable_floor.ts", import.meta.url);

/** Whether the floor script is present (outside the workplace it may not be). */
export function floorAvailable(): boolean {
  try {
    return Deno.statSync(FLOOR_SCRIPT).isFile;
  } catch {
    return false;
  }
}

/** Start the floor on a free port and a temp folder; resolves once it answers. */
export async function startFloor(): Promise<FloorServer> {
  const dir = await Deno.makeTempDir({ prefix: "inbox-triage-floor-" });
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", FLOOR_SCRIPT.pathname, String(port), dir],
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0;; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      break;
    } catch (err) {
      if (i > 300) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      child.kill("SIGKILL");
      await child.status;
      await Deno.remove(dir, { recursive: true });
    },
  };
}
