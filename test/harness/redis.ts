import { freePort, waitForPort } from "./free_port.ts";
import { removeDir, spawnServer } from "./process.ts";
import { findBinary } from "./require.ts";

/** A throwaway redis-server on 127.0.0.1 with no persistence. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:PORT` */
  url: string;
  stop(): Promise<void>;
}

/**
 * Start `redis-server` on a random free port with its working directory in a temp dir, and wait
 * until it answers PING. Throws (with the server's output) if it cannot start.
 */
export async function startRedis(): Promise<RedisServer> {
  const binary = findBinary("redis-server");
  if (!binary) throw new Error("redis-server not found in PATH");
  const dir = await Deno.makeTempDir({ prefix: "redis-" });
  let lastError: unknown;
  // A port found free may be taken before the server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = freePort();
    const proc = spawnServer(binary, {
      cwd: dir,
      args: [
        "--bind",
        "127.0.0.1",
        "--port",
        String(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
      ],
    });
    try {
      await waitForPort(port, 10_000, proc.alive);
      await ping(port);
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        stop: async () => {
          await proc.stop();
          await removeDir(dir);
        },
      };
    } catch (error) {
      lastError = new Error(`redis-server failed: ${error}\n${proc.output()}`);
      await proc.stop();
    }
  }
  await removeDir(dir);
  throw lastError;
}

async function ping(port: number): Promise<void> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode("PING\r\n"));
    const buf = new Uint8Array(64);
    const n = await conn.read(buf);
    const reply = new TextDecoder().decode(buf.subarray(0, n ?? 0));
    if (!reply.startsWith("+PONG")) {
      throw new Error(`unexpected PING reply ${JSON.stringify(reply)}`);
    }
  } finally {
    conn.close();
  }
}
