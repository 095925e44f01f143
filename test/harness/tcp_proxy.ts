/**
 * A TCP forwarder on 127.0.0.1 in front of a real server, for outage tests (Toxiproxy's idea,
 * a few dozen lines): `cut()` drops every open connection and answers new ones by closing them at
 * once, as a crashed or unreachable server does; `restore()` forwards again.
 */
export interface TcpProxy {
  port: number;
  /** Whether traffic flows now. */
  readonly up: boolean;
  cut(): void;
  restore(): void;
  stop(): Promise<void>;
}

/** Start a proxy on a random port forwarding to `127.0.0.1:targetPort`. */
export function startTcpProxy(targetPort: number): TcpProxy {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  let up = true;
  const close = (conn: Deno.Conn) => {
    open.delete(conn);
    try {
      conn.close();
    } catch {
      // already closed
    }
  };
  const pipe = async (from: Deno.Conn, to: Deno.Conn) => {
    const buffer = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const n = await from.read(buffer);
        if (n === null || !up) break;
        let written = 0;
        while (written < n) written += await to.write(buffer.subarray(written, n));
      }
    } catch {
      // either side went away
    } finally {
      close(from);
      close(to);
    }
  };
  const serve = async (client: Deno.Conn) => {
    open.add(client);
    if (!up) return close(client);
    let server: Deno.Conn;
    try {
      server = await Deno.connect({ hostname: "127.0.0.1", port: targetPort });
    } catch {
      return close(client);
    }
    open.add(server);
    if (!up) return (close(server), close(client));
    await Promise.all([pipe(client, server), pipe(server, client)]);
  };
  const accepting = (async () => {
    try {
      for await (const conn of listener) serve(conn);
    } catch {
      // listener closed
    }
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    get up() {
      return up;
    },
    cut() {
      up = false;
      for (const conn of [...open]) close(conn);
    },
    restore() {
      up = true;
    },
    async stop() {
      up = false;
      listener.close();
      for (const conn of [...open]) close(conn);
      await accepting;
    },
  };
}
