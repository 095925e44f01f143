/**
 * Seconds Telegram asked us to wait, when the error was a 429 (grammY's `GrammyError` carries
 * `error_code` and `parameters.retry_after`). Read by shape, so the notify stage does not load
 * grammY when the product runs without Telegram.
 */
export function retryAfterSeconds(err: unknown): number | undefined {
  const e = err as { error_code?: unknown; parameters?: { retry_after?: unknown } } | null;
  const wait = e?.parameters?.retry_after;
  return e?.error_code === 429 && typeof wait === "number" ? wait : undefined;
}
