import { CATEGORIES, PRIORITIES, type Stats, STATUSES } from "../schema/complaint.ts";

/**
 * Turn free text into a safe full-text query: each word becomes a quoted phrase of its
 * letter/digit tokens (so "ZE-2026-031842" matches as one phrase), the last token a prefix.
 * Returns null when nothing searchable is left. No user operator syntax survives.
 */
export function ftsQuery(q: string): string | null {
  const phrases = q.split(/\s+/).map(tokens).filter((t) => t.length > 0);
  if (phrases.length === 0) return null;
  return phrases.map((t) => `"${t.join(" ")}"*`).join(" ");
}

/** Letter/digit tokens of a word, lowercased, as both stores tokenize them. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** ISO instant for the start of a `from` filter (a bare date means its first millisecond, UTC). */
export function startOfRange(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00.000Z`
    : new Date(value).toISOString();
}

/** ISO instant for the end of a `to` filter (a bare date includes the whole day, UTC). */
export function endOfRange(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T23:59:59.999Z`
    : new Date(value).toISOString();
}

/** Stats with every known status, category and priority at zero. */
export function statsSkeleton(): Stats {
  const zero = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
  return {
    total: 0,
    byStatus: zero(STATUSES),
    byCategory: zero(CATEGORIES),
    byPriority: zero(PRIORITIES),
    perDay: [],
  };
}

/** Statuses the SLA filter never matches: nobody has to act on them any more. */
export const SLA_CLOSED_STATUSES = ["resolved", "closed", "duplicate"] as const;

/** The instant an `sla` filter is judged at, as a comparable ISO string. */
export function slaInstant(slaNow: string | undefined): string {
  return (slaNow ? new Date(slaNow) : new Date()).toISOString();
}
