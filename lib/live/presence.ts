import type { AppContext } from "../ports.ts";

/** What an agent is doing on a complaint's page. */
export type PresenceState = "viewing" | "replying";

export interface Presence {
  email: string;
  name: string;
  state: PresenceState;
  at: string;
}

/** A heartbeat keeps an agent present this long (pages beat every 10 s). */
export const PRESENCE_TTL_SECONDS = 30;

const key = (complaintId: string) => `presence:${complaintId}`;

/**
 * Record that an agent is viewing or replying to a complaint, and say who else is. Kept in the
 * cache (Upstash when configured, so agents on other instances see each other) for a short time.
 */
export async function beat(
  ctx: Pick<AppContext, "cache" | "now">,
  complaintId: string,
  me: { email: string; name: string },
  state: PresenceState,
): Promise<Presence[]> {
  const now = ctx.now();
  const fresh = (p: Presence) => now.getTime() - Date.parse(p.at) < PRESENCE_TTL_SECONDS * 1000;
  const all = ((await ctx.cache.get<Presence[]>(key(complaintId))) ?? []).filter(fresh)
    .filter((p) => p.email !== me.email);
  await ctx.cache.set(
    key(complaintId),
    [...all, { ...me, state, at: now.toISOString() }],
    PRESENCE_TTL_SECONDS,
  );
  return all;
}
