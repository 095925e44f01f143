import { z } from "zod";
import type { AppContext } from "../ports.ts";
import { InvalidError } from "../errors.ts";

/** A heartbeat is a small JSON document; anything bigger is not one. */
export const HEARTBEAT_MAX_BYTES = 16 * 1024;

const PREFIX = "status/poller/";
const count = z.number().int().min(0).default(0);
const isoOrNull = z.iso.datetime({ offset: true }).nullable().default(null);

/** What a poller (or another intake) reports about itself. */
export const heartbeatSchema = z.object({
  name: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i).default("poller"),
  version: z.string().max(64).default("unknown"),
  mailbox: z.string().max(256).default(""),
  connected: z.boolean().default(false),
  startedAt: isoOrNull,
  lastPollAt: isoOrNull,
  lastDeliveryAt: isoOrNull,
  intervalSeconds: z.number().int().min(1).max(86_400).default(60),
  counts: z.object({
    /** Messages read from the mailbox (pollers before 1.1 do not send it). */
    fetched: count,
    delivered: count,
    rejected: count,
    retried: count,
    pending: count,
    reconnects: count,
  }).default({ fetched: 0, delivered: 0, rejected: 0, retried: 0, pending: 0, reconnects: 0 }),
  lastError: z.object({
    at: z.iso.datetime({ offset: true }),
    message: z.string().max(1000),
  }).nullable().default(null),
});

export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** A stored heartbeat, with when it arrived and whether it is recent enough to trust. */
export type PollerStatus = Heartbeat & { receivedAt: string; healthy: boolean };

/**
 * Validate a heartbeat body and keep it as `status/poller/<name>.json` in the blob store, which
 * survives restarts on every adapter. Throws InvalidError (`invalid_json`, `invalid_heartbeat`) on
 * bad JSON or fields.
 */
export async function recordHeartbeat(ctx: AppContext, bytes: Uint8Array): Promise<PollerStatus> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new InvalidError("The heartbeat is not valid JSON", { code: "invalid_json", cause: err });
  }
  const parsed = heartbeatSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new InvalidError(detail, { code: "invalid_heartbeat" });
  }
  const now = ctx.now();
  const doc = { ...parsed.data, receivedAt: now.toISOString() };
  const key = `${PREFIX}${doc.name}.json`;
  const body = new TextEncoder().encode(JSON.stringify(doc));
  // One write at a time per poller, also across instances sharing the store: an update is a
  // delete then a put (a blob store may keep the first write of a key), so two interleaved
  // heartbeats could otherwise keep the older one.
  await ctx.store.withLock(`heartbeat:${doc.name}`, async () => {
    await ctx.blobs.delete(key);
    await ctx.blobs.put(key, body, "application/json");
  });
  return { ...doc, healthy: isHealthy(doc, now) };
}

/** Every poller that ever sent a heartbeat, newest first. */
export async function listPollerStatus(ctx: AppContext): Promise<PollerStatus[]> {
  const now = ctx.now();
  const out: PollerStatus[] = [];
  for await (const { key } of ctx.blobs.list(PREFIX)) {
    if (!key.startsWith(PREFIX) || !key.endsWith(".json")) continue;
    const bytes = await ctx.blobs.get(key);
    if (!bytes) continue;
    try {
      const doc = JSON.parse(new TextDecoder().decode(bytes));
      const parsed = heartbeatSchema.safeParse(doc);
      if (!parsed.success || typeof doc.receivedAt !== "string") continue;
      const status = { ...parsed.data, receivedAt: doc.receivedAt as string };
      out.push({ ...status, healthy: isHealthy(status, now) });
    } catch {
      // A half-written or foreign object is not a status; skip it.
    }
  }
  return out.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

/** The product's own health plus every poller's: what `GET /functions/v1/api/status` answers. */
export async function productStatus(ctx: AppContext) {
  const outcomes = ["received", "created", "failed", "ignored"] as const;
  const processed: Record<string, number> = {};
  for (const outcome of outcomes) {
    processed[outcome] = (await ctx.store.listProcessedEmails({ outcome, page: 1, limit: 1 }))
      .total;
  }
  const pollers = await listPollerStatus(ctx);
  return {
    ok: pollers.every((p) => p.healthy),
    now: ctx.now().toISOString(),
    store: ctx.store.name,
    blobs: ctx.blobs.name,
    processed,
    pollers,
  };
}

// Three missed heartbeats, or a poller that says it is not connected, is unhealthy.
function isHealthy(doc: Heartbeat & { receivedAt: string }, now: Date): boolean {
  const age = (now.getTime() - Date.parse(doc.receivedAt)) / 1000;
  return doc.connected && age <= doc.intervalSeconds * 3;
}
