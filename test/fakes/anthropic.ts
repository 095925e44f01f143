/**
 * A fake Anthropic Messages API (POST /v1/messages) on 127.0.0.1 for tests that go through the
 * real `@anthropic-ai/sdk` with `baseURL`. Replies are scripted per request; every request is
 * recorded so tests can check what the product sent.
 */

/** One scripted answer to one request. */
/** Token counts a reply reports (default: input = the request's JSON length, output 10). */
export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

export type FakeReply =
  | { toolUse: { name: string; input: unknown }; delayMs?: number; usage?: FakeUsage }
  | { text: string; delayMs?: number; usage?: FakeUsage }
  | {
    /** An API error: 429 (rate_limit_error), 529 (overloaded_error), 500, 400… */
    status: number;
    /** Seconds, sent as `retry-after`. */
    retryAfter?: number;
    message?: string;
    delayMs?: number;
  };

export interface RecordedRequest {
  path: string;
  /** When it arrived (ms since the epoch). */
  at: number;
  headers: Record<string, string>;
  // deno-lint-ignore no-explicit-any
  body: any;
}

export interface FakeAnthropic {
  /** Pass as `baseURL` (or ANTHROPIC_BASE_URL). */
  url: string;
  apiKey: string;
  /** Every authenticated request to /v1/messages, in arrival order. */
  requests: RecordedRequest[];
  /** The most requests the fake was answering at one time. */
  readonly peakInFlight: number;
  /** Queue replies; each request takes the next one, then falls back to `respond`. */
  enqueue(...replies: FakeReply[]): void;
  /** Message Batches created (POST /v1/messages/batches), each with its requests. */
  batches: FakeBatch[];
  /** End every batch still in progress: its results are answered by `respond` then. */
  endBatches(): void;
  stop(): Promise<void>;
}

/** One Message Batch as the fake keeps it. */
export interface FakeBatch {
  id: string;
  /** Each request of the batch, its `body` being the request's `params`. */
  requests: (RecordedRequest & { customId: string })[];
  ended: boolean;
}

export interface FakeAnthropicOptions {
  apiKey?: string;
  /** Reply when the queue is empty; without it such a request gets a 500 naming the gap. */
  respond?: (request: RecordedRequest) => FakeReply;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** Start the fake on a random port; it accepts `x-api-key: KEY` or `Authorization: Bearer KEY`. */
export function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const apiKey = options.apiKey ?? "test-anthropic-key";
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  // Delayed replies end when the server stops, so shutdown never waits on a sleeping handler.
  const stopping = new AbortController();
  let counter = 0;
  let inFlight = 0;
  let peak = 0;

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const key = request.headers.get("x-api-key") ??
      request.headers.get("authorization")?.replace(/^Bearer\s+/i, "");
    if (key !== apiKey) return apiError(401, "invalid x-api-key");
    if (url.pathname.startsWith("/v1/messages/batches")) return await batchRoute(request, url);
    if (request.method !== "POST" || url.pathname !== "/v1/messages") {
      return apiError(404, `no route ${request.method} ${url.pathname}`);
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return apiError(400, "body is not JSON");
    }
    const recorded: RecordedRequest = {
      path: url.pathname,
      at: Date.now(),
      headers: Object.fromEntries(request.headers),
      body,
    };
    requests.push(recorded);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      return await answer(recorded, body);
    } finally {
      inFlight--;
    }
  };

  const answer = async (recorded: RecordedRequest, body: unknown): Promise<Response> => {
    if (recorded.body?.stream) return apiError(400, "the fake does not stream");
    const reply = queue.shift() ?? options.respond?.(recorded);
    if (!reply) return apiError(500, "fake Anthropic: no reply scripted for this request");
    if (reply.delayMs) {
      const aborted = await sleep(reply.delayMs, stopping.signal);
      if (aborted) return apiError(500, "aborted");
    }
    if ("status" in reply) {
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
      return apiError(reply.status, reply.message ?? ERROR_TYPES[reply.status] ?? "error", headers);
    }
    counter++;
    return Response.json(message(reply, recorded, body), {
      headers: { "request-id": `req_fake_${counter}` },
    });
  };

  const message = (
    reply: Exclude<FakeReply, { status: number }>,
    recorded: RecordedRequest,
    body: unknown,
  ) => ({
    id: `msg_fake_${counter}`,
    type: "message",
    role: "assistant",
    model: recorded.body?.model ?? "claude-haiku-4-5",
    content: "toolUse" in reply
      ? [{ type: "tool_use", id: `toolu_fake_${counter}`, ...reply.toolUse }]
      : [{ type: "text", text: reply.text }],
    stop_reason: "toolUse" in reply ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: reply.usage ?? { input_tokens: JSON.stringify(body).length, output_tokens: 10 },
  });

  // The Message Batches API: create, retrieve, and results as JSONL once the batch has ended.
  const batches: FakeBatch[] = [];
  const batchRoute = async (request: Request, url: URL): Promise<Response> => {
    const path = url.pathname.replace(/\/$/, "");
    if (request.method === "POST" && path === "/v1/messages/batches") {
      let body: { requests?: { custom_id?: string; params?: unknown }[] };
      try {
        body = await request.json();
      } catch {
        return apiError(400, "body is not JSON");
      }
      const items = body.requests ?? [];
      const ids = new Set<string>();
      for (const item of items) {
        if (!item.custom_id || !/^[a-zA-Z0-9_-]{1,64}$/.test(item.custom_id)) {
          return apiError(400, `invalid custom_id ${item.custom_id}`);
        }
        if (ids.has(item.custom_id)) return apiError(400, `duplicate custom_id ${item.custom_id}`);
        ids.add(item.custom_id);
      }
      if (items.length === 0) return apiError(400, "requests: at least one");
      const batch: FakeBatch = {
        id: `msgbatch_fake_${batches.length + 1}`,
        ended: false,
        requests: items.map((item) => ({
          customId: item.custom_id!,
          path: url.pathname,
          at: Date.now(),
          headers: Object.fromEntries(request.headers),
          body: item.params,
        })),
      };
      batches.push(batch);
      return Response.json(batchObject(batch, url));
    }
    const match = /^\/v1\/messages\/batches\/([^/]+)(\/results)?$/.exec(path);
    const batch = batches.find((b) => b.id === match?.[1]);
    if (request.method !== "GET" || !batch) return apiError(404, `no batch at ${path}`);
    if (!match![2]) return Response.json(batchObject(batch, url));
    if (!batch.ended) return apiError(400, "batch still in progress");
    const lines = batch.requests.map((r) => {
      const reply = queue.shift() ?? options.respond?.(r);
      if (!reply || "status" in reply) {
        return {
          custom_id: r.customId,
          result: {
            type: "errored",
            error: { type: "error", error: { type: "api_error", message: "fake error" } },
          },
        };
      }
      counter++;
      return {
        custom_id: r.customId,
        result: { type: "succeeded", message: message(reply, r, r.body) },
      };
    });
    return new Response(lines.map((l) => JSON.stringify(l)).join("\n") + "\n", {
      headers: { "content-type": "application/binary" },
    });
  };

  const batchObject = (batch: FakeBatch, url: URL) => ({
    id: batch.id,
    type: "message_batch",
    processing_status: batch.ended ? "ended" : "in_progress",
    request_counts: {
      processing: batch.ended ? 0 : batch.requests.length,
      succeeded: batch.ended ? batch.requests.length : 0,
      errored: 0,
      canceled: 0,
      expired: 0,
    },
    created_at: new Date().toISOString(),
    expires_at: new Date(Date.now() + 86_400_000).toISOString(),
    ended_at: batch.ended ? new Date().toISOString() : null,
    cancel_initiated_at: null,
    archived_at: null,
    results_url: batch.ended ? `${url.origin}/v1/messages/batches/${batch.id}/results` : null,
  });

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  return Promise.resolve({
    url: `http://127.0.0.1:${server.addr.port}`,
    apiKey,
    requests,
    get peakInFlight() {
      return peak;
    },
    enqueue: (...replies) => void queue.push(...replies),
    batches,
    endBatches: () => {
      for (const b of batches) b.ended = true;
    },
    stop: async () => {
      stopping.abort();
      await server.shutdown();
    },
  });
}

function apiError(status: number, message: string, headers: Record<string, string> = {}) {
  return Response.json(
    { type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } },
    { status, headers },
  );
}

/** Resolve true if `signal` aborted before `ms` passed. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(false);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
