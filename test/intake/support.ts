import { ImapFlow } from "imapflow";
import { findBinary } from "../harness/require.ts";
import type { DovecotServer } from "../harness/dovecot.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const POLLER_DIR = `${ROOT}poller`;

/** The node binary, or null (tests skip outside CI without it). */
export const nodeBinary = findBinary("node");

/** Install the poller's packages once if `.ci/run` (or a developer) has not. */
export async function ensurePollerInstalled(): Promise<void> {
  try {
    await Deno.stat(`${POLLER_DIR}/node_modules/imapflow/package.json`);
    return;
  } catch {
    // not installed yet
  }
  const npm = findBinary("npm");
  if (!npm) throw new Error("npm not found: needed to install poller/ packages");
  const out = await new Deno.Command(npm, {
    args: ["ci", "--no-audit", "--no-fund"],
    cwd: POLLER_DIR,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`npm ci in poller/ failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
}

/** Resolve with `value()` once it is truthy, or reject after `ms` with `what` in the message. */
export async function waitUntil<T>(
  what: string,
  value: () => T | Promise<T>,
  ms = 20_000,
  extra: () => string = () => "",
): Promise<T> {
  const deadline = Date.now() + ms;
  while (true) {
    const v = await value();
    if (v) return v;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}\n${extra()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface LogLine {
  at: string;
  level: string;
  event: string;
  [key: string]: unknown;
}

/** A running `node poller/src/main.js` with its JSON log lines collected. */
export interface PollerProcess {
  lines: LogLine[];
  /** Everything it printed, for assertion messages. */
  output(): string;
  /** The first log line (after `from`) matching, waiting up to `ms`. */
  waitFor(pred: (l: LogLine) => boolean, ms?: number, from?: number): Promise<LogLine>;
  kill(signal?: Deno.Signal): void;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number>;
}

/** Start the poller as a child process with exactly this environment (plus PATH). */
export function startPoller(env: Record<string, string>): PollerProcess {
  const child = new Deno.Command(nodeBinary!, {
    args: ["src/main.js"],
    cwd: POLLER_DIR,
    clearEnv: true,
    env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", ...env },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: LogLine[] = [];
  let raw = "";
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      raw += text;
      buffer += text;
      let nl;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          lines.push(JSON.parse(line));
        } catch {
          // not a log line (a stack trace): kept in raw
        }
      }
    }
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const exited = child.status.then(async (s) => {
    await pumps;
    return s.code;
  });
  const output = () => raw.slice(-6000);
  return {
    lines,
    output,
    exited,
    kill: (signal = "SIGTERM") => {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    },
    waitFor: (pred, ms = 20_000, from = 0) =>
      waitUntil("a poller log line", () => lines.slice(from).find(pred), ms, output) as Promise<
        LogLine
      >,
  };
}

/** The environment for a poller talking to `imap` (or a proxy port) and delivering to `ingestUrl`. */
export function pollerEnv(
  imap: DovecotServer,
  ingestUrl: string,
  token: string,
  dir: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    IMAP_HOST: imap.host,
    IMAP_PORT: String(imap.port),
    IMAP_TLS: "none",
    IMAP_USER: imap.user,
    IMAP_PASSWORD: imap.pass,
    INGEST_URL: ingestUrl,
    INGEST_TOKEN: token,
    CHECKPOINT_FILE: `${dir}/checkpoint.json`,
    POLL_INTERVAL_SECONDS: "60",
    HEARTBEAT_INTERVAL_SECONDS: "1",
    RETRY_BASE_MS: "200",
    RETRY_MAX_MS: "1000",
    RECONNECT_BASE_MS: "200",
    RECONNECT_MAX_MS: "1000",
    SHUTDOWN_TIMEOUT_SECONDS: "15",
    ...overrides,
  };
}

/** A second IMAP client for the test itself: append mail and look at mailboxes. */
export async function imapAdmin(imap: DovecotServer) {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user: imap.user, pass: imap.pass },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  return {
    append: (raw: string | Uint8Array, mailbox = "INBOX") => client.append(mailbox, raw),
    /** Messages in a mailbox (0 when it does not exist). */
    async count(mailbox: string): Promise<number> {
      const status = await client.status(mailbox, { messages: true }).catch(() => false);
      return typeof status === "object" ? status.messages ?? 0 : 0;
    },
    /** Message-IDs and flags of every message in a mailbox. */
    async list(mailbox: string): Promise<{ messageId: string; seen: boolean }[]> {
      const lock = await client.getMailboxLock(mailbox);
      try {
        const out = [];
        for await (const m of client.fetch("1:*", { envelope: true, flags: true })) {
          out.push({
            messageId: m.envelope?.messageId ?? "",
            seen: m.flags?.has("\\Seen") ?? false,
          });
        }
        return out;
      } catch {
        return [];
      } finally {
        lock.release();
      }
    },
    async close() {
      await client.logout().catch(() => client.close());
    },
  };
}

/**
 * An HTTP proxy in front of the product that can fail or slow the ingest posts (not heartbeats)
 * and counts them by the message's Message-ID.
 */
export function ingestProxy(target: string) {
  const state = {
    failNext: 0,
    failStatus: 503,
    delayMs: 0,
    failed: 0,
    posts: new Map<string, number>(),
  };
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    const isMessage = req.method === "POST" && url.pathname === "/functions/v1/ingest";
    const body = new Uint8Array(await req.arrayBuffer());
    if (isMessage) {
      const head = new TextDecoder().decode(body.subarray(0, 4096));
      const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? "?";
      state.posts.set(id, (state.posts.get(id) ?? 0) + 1);
      if (state.failNext > 0) {
        state.failNext--;
        state.failed++;
        return Response.json({ error: { code: "unavailable", message: "test outage" } }, {
          status: state.failStatus,
        });
      }
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    }
    const headers = new Headers(req.headers);
    headers.delete("host");
    headers.delete("content-length");
    const res = await fetch(`${target}${url.pathname}${url.search}`, {
      method: req.method,
      headers,
      body: req.method === "GET" ? undefined : body,
    });
    return new Response(await res.arrayBuffer(), { status: res.status, headers: res.headers });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    state,
    stop: () => server.shutdown(),
  };
}

/** A TCP proxy to `port` whose open connections can be cut, as a network drop would. */
export function tcpProxy(port: number) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  let accepted = 0;
  (async () => {
    for await (const inbound of listener) {
      accepted++;
      let outbound: Deno.Conn;
      try {
        outbound = await Deno.connect({ hostname: "127.0.0.1", port });
      } catch {
        inbound.close();
        continue;
      }
      open.add(inbound);
      open.add(outbound);
      const close = () => {
        for (const c of [inbound, outbound]) {
          if (open.delete(c)) {
            try {
              c.close();
            } catch {
              // already closed
            }
          }
        }
      };
      inbound.readable.pipeTo(outbound.writable, { preventClose: true }).catch(() => {}).finally(
        close,
      );
      outbound.readable.pipeTo(inbound.writable, { preventClose: true }).catch(() => {}).finally(
        close,
      );
    }
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    accepted: () => accepted,
    /** Drop every open connection. */
    cut() {
      for (const c of [...open]) {
        open.delete(c);
        try {
          c.close();
        } catch {
          // already closed
        }
      }
    },
    stop() {
      this.cut();
      listener.close();
    },
  };
}
