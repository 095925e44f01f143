import { spawnServer, startOnFreePort } from "./process.ts";
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
  const { port, stop } = await startOnFreePort({
    name: "redis-server",
    spawn: (port, dir) =>
      spawnServer(binary, {
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
      }),
    ready: ping,
  });
  return { port, url: `redis://127.0.0.1:${port}`, stop };
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
