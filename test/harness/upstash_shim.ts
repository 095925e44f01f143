import { RespConnection, RespError, type RespValue } from "./resp.ts";

/** An HTTP server speaking the Upstash Redis REST protocol, backed by a real redis-server. */
export interface UpstashShim {
  /** Base URL for `new Redis({ url, token })`, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  token: string;
  port: number;
  stop(): Promise<void>;
}

type Command = (string | number | boolean)[];
type Reply = { result: unknown } | { error: string };

/**
 * Start the shim on a random port of 127.0.0.1, forwarding to redis on `redisPort`.
 * Speaks what `@upstash/redis` uses: POST `/` (one command), `/pipeline` and `/multi-exec`
 * (arrays of commands), Bearer auth, and base64 results when asked with `Upstash-Encoding: base64`.
 */
export function startUpstashShim(redisPort: number, token: string): Promise<UpstashShim> {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) => handle(request, redisPort, token),
  );
  const port = server.addr.port;
  return Promise.resolve({
    url: `http://127.0.0.1:${port}`,
    token,
    port,
    stop: () => server.shutdown(),
  });
}

async function handle(request: Request, redisPort: number, token: string): Promise<Response> {
  if (request.headers.get("authorization") !== `Bearer ${token}`) {
    return Response.json({ error: "Unauthorized" }, { status: 401 });
  }
  if (request.method !== "POST") return Response.json({ error: "POST only" }, { status: 405 });
  const base64 = request.headers.get("upstash-encoding")?.toLowerCase() === "base64";
  const path = new URL(request.url).pathname.replace(/\/+$/, "") || "/";
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "ERR body is not JSON" }, { status: 400 });
  }
  const redis = await RespConnection.open(redisPort);
  try {
    if (path === "/") {
      if (!isCommand(body)) return badRequest("ERR expected a JSON array command");
      const [reply] = await redis.send([body]);
      const out = toReply(reply, base64, true);
      return Response.json(out, { status: "error" in out ? 400 : 200 });
    }
    if (path === "/pipeline" || path === "/multi-exec") {
      if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
        return badRequest("ERR expected a JSON array of command arrays");
      }
      const commands = body as Command[];
      if (path === "/pipeline") {
        const replies = await redis.send(commands);
        return Response.json(replies.map((r) => toReply(r, base64, true)));
      }
      const replies = await redis.send([["MULTI"], ...commands, ["EXEC"]]);
      const exec = replies[replies.length - 1];
      if (exec instanceof RespError) return badRequest(exec.message);
      if (!Array.isArray(exec)) return badRequest("ERR transaction aborted");
      return Response.json(exec.map((r) => toReply(r, base64, true)));
    }
    return Response.json({ error: `ERR unknown path ${path}` }, { status: 404 });
  } finally {
    redis.close();
  }
}

function badRequest(error: string): Response {
  return Response.json({ error }, { status: 400 });
}

function isCommand(value: unknown): value is Command {
  return Array.isArray(value) && value.length > 0 &&
    value.every((v) => ["string", "number", "boolean"].includes(typeof v));
}

function toReply(value: RespValue, base64: boolean, topLevel: boolean): Reply {
  if (value instanceof RespError) return { error: value.message };
  return { result: toJson(value, base64, topLevel) };
}

/**
 * Bulk strings are bytes: base64 them when asked, else decode as UTF-8. Upstash leaves a top-level
 * "OK" unencoded (the client special-cases it); strings inside arrays are always encoded.
 */
function toJson(value: RespValue, base64: boolean, topLevel: boolean): unknown {
  if (value === null || typeof value === "number") return value;
  if (value instanceof RespError) return value.message;
  if (Array.isArray(value)) return value.map((v) => toJson(v, base64, false));
  const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
  if (!base64 || (topLevel && value === "OK")) return new TextDecoder().decode(bytes);
  return encodeBase64(bytes);
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
