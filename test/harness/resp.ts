/**
 * A minimal RESP2 client: enough to forward JSON command arrays to redis-server and read back
 * simple strings, errors, integers, bulk strings (as bytes) and nested arrays.
 */

/** A `-ERR ...` reply; kept as a value so a pipeline can report it per command. */
export class RespError {
  constructor(readonly message: string) {}
}

export type RespValue = string | number | Uint8Array | null | RespError | RespValue[];

const encoder = new TextEncoder();

/** Encode one command as a RESP array of bulk strings. */
export function encodeCommand(args: (string | number | boolean)[]): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = encoder.encode(String(arg));
    parts.push(encoder.encode(`$${bytes.length}\r\n`), bytes, encoder.encode("\r\n"));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Thrown internally when the buffer does not yet hold a whole reply. */
const INCOMPLETE = Symbol("incomplete");

/** Parse one reply from `buf` at `pos`; returns the value and the position after it. */
export function decodeReply(buf: Uint8Array, pos = 0): [RespValue, number] {
  const lineEnd = findCrlf(buf, pos);
  if (lineEnd < 0) throw INCOMPLETE;
  const type = String.fromCharCode(buf[pos]);
  const line = new TextDecoder().decode(buf.subarray(pos + 1, lineEnd));
  const next = lineEnd + 2;
  switch (type) {
    case "+":
      return [line, next];
    case "-":
      return [new RespError(line), next];
    case ":":
      return [Number(line), next];
    case "$": {
      const len = Number(line);
      if (len < 0) return [null, next];
      if (buf.length < next + len + 2) throw INCOMPLETE;
      return [buf.slice(next, next + len), next + len + 2];
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return [null, next];
      const items: RespValue[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const [item, after] = decodeReply(buf, at);
        items.push(item);
        at = after;
      }
      return [items, at];
    }
    default:
      throw new Error(`unknown RESP type byte ${JSON.stringify(type)}`);
  }
}

function findCrlf(buf: Uint8Array, from: number): number {
  for (let i = from; i + 1 < buf.length; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10) return i;
  }
  return -1;
}

/** One TCP connection to redis; commands are sent in order and replies read in order. */
export class RespConnection {
  #buf = new Uint8Array(0);
  private constructor(private readonly conn: Deno.Conn) {}

  static async open(port: number, hostname = "127.0.0.1"): Promise<RespConnection> {
    return new RespConnection(await Deno.connect({ hostname, port }));
  }

  /** Send all commands in one write, then read exactly one reply per command. */
  async send(commands: (string | number | boolean)[][]): Promise<RespValue[]> {
    const encoded = commands.map(encodeCommand);
    const total = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
    let offset = 0;
    for (const e of encoded) {
      total.set(e, offset);
      offset += e.length;
    }
    for (let written = 0; written < total.length;) {
      written += await this.conn.write(total.subarray(written));
    }
    const replies: RespValue[] = [];
    while (replies.length < commands.length) replies.push(await this.#readReply());
    return replies;
  }

  async #readReply(): Promise<RespValue> {
    while (true) {
      if (this.#buf.length > 0) {
        try {
          const [value, next] = decodeReply(this.#buf, 0);
          this.#buf = this.#buf.slice(next);
          return value;
        } catch (error) {
          if (error !== INCOMPLETE) throw error;
        }
      }
      const chunk = new Uint8Array(64 * 1024);
      const n = await this.conn.read(chunk);
      if (n === null) throw new Error("redis closed the connection");
      const merged = new Uint8Array(this.#buf.length + n);
      merged.set(this.#buf);
      merged.set(chunk.subarray(0, n), this.#buf.length);
      this.#buf = merged;
    }
  }

  close(): void {
    try {
      this.conn.close();
    } catch {
      // already closed
    }
  }
}
