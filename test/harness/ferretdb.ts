import { spawnServer, startOnFreePort } from "./process.ts";
import { findBinary } from "./require.ts";

/** A throwaway FerretDB (MongoDB wire protocol over SQLite) on 127.0.0.1. */
export interface FerretServer {
  port: number;
  /** `mongodb://127.0.0.1:PORT/` */
  uri: string;
  stop(): Promise<void>;
}

/**
 * Start `ferretdb` with the SQLite handler in a temp dir on a random port and wait until it answers
 * a `hello` command. Throws (with the server's output) if it cannot start.
 */
export async function startFerret(): Promise<FerretServer> {
  const binary = findBinary("ferretdb");
  if (!binary) throw new Error("ferretdb not found in PATH or $GOPATH/bin");
  const { port, stop } = await startOnFreePort({
    name: "ferretdb",
    spawn: (port, dir) =>
      spawnServer(binary, {
        cwd: dir,
        args: [
          "--handler=sqlite",
          `--sqlite-url=file:${dir}/`,
          `--state-dir=${dir}`,
          `--listen-addr=127.0.0.1:${port}`,
          // The default debug listener is a fixed port (8088): parallel servers would collide.
          "--debug-addr=-",
          "--telemetry=disable",
          "--log-level=warn",
        ],
      }),
    ready: hello,
    waitMs: 20_000,
  });
  return { port, uri: `mongodb://127.0.0.1:${port}/`, stop };
}

/** Send an OP_MSG `{hello: 1, $db: "admin"}` and require an OP_MSG reply. */
async function hello(port: number): Promise<void> {
  const enc = new TextEncoder();
  const doc = concat(
    [0x10],
    enc.encode("hello\0"),
    int32(1),
    [0x02],
    enc.encode("$db\0"),
    int32(6),
    enc.encode("admin\0"),
    [0x00],
  );
  const body = concat(int32(0), [0x00], int32(doc.length + 4), doc);
  const message = concat(int32(16 + body.length), int32(1), int32(0), int32(2013), body);
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(message);
    const header = new Uint8Array(16);
    let got = 0;
    while (got < 16) {
      const n = await conn.read(header.subarray(got));
      if (n === null) throw new Error("connection closed before a hello reply");
      got += n;
    }
    const opCode = new DataView(header.buffer).getInt32(12, true);
    if (opCode !== 2013) throw new Error(`unexpected reply opCode ${opCode}`);
  } finally {
    conn.close();
  }
}

function int32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value, true);
  return out;
}

function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
