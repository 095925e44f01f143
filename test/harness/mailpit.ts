import { spawnServer, startOnFreePort } from "./process.ts";
import { findBinary } from "./require.ts";
import { freePort, waitForPort } from "./free_port.ts";

/** A message as mailpit's list answers it (the fields the tests read). */
export interface MailpitSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  From: { Address: string; Name: string };
  To: { Address: string; Name: string }[];
}

/** A throwaway mailpit: a real SMTP server whose mail is read back through its HTTP API. */
export interface MailpitServer {
  smtpPort: number;
  httpPort: number;
  /** `smtp://127.0.0.1:PORT` for SMTP_URL. */
  smtpUrl: string;
  /** Every message received, newest first. */
  messages(): Promise<MailpitSummary[]>;
  /** One message in full (Text, Subject, InReplyTo, References, Attachments …). */
  message(id: string): Promise<Record<string, unknown>>;
  /** One message's headers, each name with its values. */
  headers(id: string): Promise<Record<string, string[]>>;
  /** The raw bytes as received. */
  raw(id: string): Promise<string>;
  /** Wait until `count` messages have arrived (default 10 s). */
  waitFor(count: number, timeoutMs?: number): Promise<MailpitSummary[]>;
  stop(): Promise<void>;
}

/**
 * Start `mailpit` in a temp dir on a random SMTP port and a random HTTP port, and wait until its
 * API answers. Throws (with its output) when it cannot start.
 */
export async function startMailpit(): Promise<MailpitServer> {
  const binary = findBinary("mailpit");
  if (!binary) throw new Error("mailpit not found in PATH or $GOPATH/bin");
  let smtpPort = 0;
  const { port: httpPort, stop } = await startOnFreePort({
    name: "mailpit",
    spawn: (port, dir) => {
      smtpPort = freePort();
      return spawnServer(binary, {
        cwd: dir,
        args: [
          "--listen",
          `127.0.0.1:${port}`,
          "--smtp",
          `127.0.0.1:${smtpPort}`,
          "--database",
          `${dir}/mp.db`,
          "--disable-version-check",
          "--quiet",
        ],
      });
    },
    ready: async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/messages`);
      await res.body?.cancel();
      if (!res.ok) throw new Error(`mailpit API answered ${res.status}`);
      await waitForPort(smtpPort, 10_000);
    },
  });
  const base = `http://127.0.0.1:${httpPort}/api/v1`;
  const json = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    if (!res.ok) throw new Error(`mailpit ${path}: ${res.status} ${await res.text()}`);
    return await res.json() as T;
  };
  const messages = async () =>
    (await json<{ messages: MailpitSummary[] }>("/messages")).messages ?? [];
  return {
    smtpPort,
    httpPort,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    messages,
    message: (id) => json(`/message/${encodeURIComponent(id)}`),
    headers: (id) => json(`/message/${encodeURIComponent(id)}/headers`),
    raw: async (id) => {
      const res = await fetch(`${base}/message/${encodeURIComponent(id)}/raw`);
      return await res.text();
    },
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (true) {
        const list = await messages();
        if (list.length >= count) return list;
        if (Date.now() > until) {
          throw new Error(`mailpit has ${list.length} messages, expected ${count}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop,
  };
}
