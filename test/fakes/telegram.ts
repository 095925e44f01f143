/**
 * A fake Telegram Bot API (`/bot<token>/<method>`) on 127.0.0.1 for tests that go through grammY
 * with `client: { apiRoot }`. Records every call; failures can be scripted per method.
 */

export interface RecordedCall {
  method: string;
  // deno-lint-ignore no-explicit-any
  params: Record<string, any>;
}

/** A scripted failure for the next call of a method. */
export type TelegramFailure =
  | { status: 429; retryAfter: number }
  | { status: 400 | 403 | 500 | 502; description?: string };

export interface FakeTelegram {
  /** Pass as grammY's `client.apiRoot` (no trailing slash). */
  apiRoot: string;
  token: string;
  /** The product's settings that send its alerts here, to chat -1001. */
  env: { TELEGRAM_BOT_TOKEN: string; TELEGRAM_CHAT_ID: string; TELEGRAM_API_ROOT: string };
  /** Every call with the right token, in arrival order. */
  calls: RecordedCall[];
  /** Make the next call(s) of `method` fail, in order. */
  failNext(method: string, ...failures: TelegramFailure[]): void;
  stop(): Promise<void>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: "Bad Request: chat not found",
  403: "Forbidden: bot was blocked by the user",
  500: "Internal Server Error",
  502: "Bad Gateway",
};

/** Start the fake on a random port; a wrong token gets 401 like the real API. */
export function startFakeTelegram(token = "123456:TEST-TOKEN"): Promise<FakeTelegram> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, TelegramFailure[]>();
  let messageId = 0;

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const match = url.pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    if (!match) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== token) {
      return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    const method = match[2];
    const params = { ...Object.fromEntries(url.searchParams), ...(await readParams(request)) };
    calls.push({ method, params });
    const failure = failures.get(method)?.shift();
    if (failure?.status === 429) {
      return reply(429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${failure.retryAfter}`,
        parameters: { retry_after: failure.retryAfter },
      });
    }
    if (failure) {
      const description = failure.description ?? DESCRIPTIONS[failure.status];
      return reply(failure.status, { ok: false, error_code: failure.status, description });
    }
    return reply(200, { ok: true, result: resultFor(method, params, ++messageId, token) });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  const apiRoot = `http://127.0.0.1:${server.addr.port}`;
  return Promise.resolve({
    apiRoot,
    token,
    env: { TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_ID: "-1001", TELEGRAM_API_ROOT: apiRoot },
    calls,
    failNext: (method, ...list) =>
      void failures.set(method, [...(failures.get(method) ?? []), ...list]),
    stop: () => server.shutdown(),
  });
}

function reply(status: number, body: unknown): Response {
  return Response.json(body, { status });
}

// deno-lint-ignore no-explicit-any
async function readParams(request: Request): Promise<Record<string, any>> {
  if (request.method !== "POST") return {};
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) return await request.json();
  if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
    const form = await request.formData();
    const out: Record<string, unknown> = {};
    for (const [key, value] of form) {
      out[key] = typeof value === "string" ? parseMaybeJson(value) : { file: value.name };
    }
    return out;
  }
  await request.body?.cancel();
  return {};
}

/** Form fields carry JSON for objects (reply_markup) and plain text otherwise. */
function parseMaybeJson(value: string): unknown {
  if (!/^[{[]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

// deno-lint-ignore no-explicit-any
function resultFor(method: string, params: Record<string, any>, id: number, token: string) {
  const botId = Number(token.split(":")[0]) || 1;
  const chat = { id: Number(params.chat_id) || params.chat_id, type: "private" };
  const date = Math.floor(Date.now() / 1000);
  switch (method) {
    case "getMe":
      return { id: botId, is_bot: true, first_name: "Fake", username: "fake_bot" };
    case "sendMessage":
      return { message_id: id, date, chat, text: params.text };
    case "sendDocument":
    case "sendPhoto":
      return { message_id: id, date, chat, caption: params.caption };
    case "editMessageText":
      return { message_id: Number(params.message_id), date, chat, text: params.text };
    default:
      return true;
  }
}
