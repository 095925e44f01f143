/**
 * Ask the kernel for a free TCP port on 127.0.0.1. The port is released before returning, so a
 * tiny race with other processes exists; helpers that start servers retry on a bind failure.
 */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Resolve once a TCP connection to 127.0.0.1:port succeeds, or throw after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs = 10_000, isAlive?: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (isAlive && !isAlive()) throw new Error(`server for port ${port} exited before listening`);
    try {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      conn.close();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`port ${port} not ready after ${timeoutMs} ms: ${lastError}`);
}
