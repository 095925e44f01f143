import { UnavailableError } from "./errors.ts";
import type { Logger } from "./log.ts";

export interface InitOptions {
  /** First wait before another attempt; doubles up to `maxDelayMs`. */
  delayMs?: number;
  maxDelayMs?: number;
  /** Keep the process alive while retrying (tests); production retries never hold it open. */
  keepAlive?: boolean;
}

/**
 * Initialise an adapter (indexes, bucket checks) without letting an outside system that is down
 * at start-up crash the product: an `UnavailableError` (adapters translate their drivers' outage
 * errors into it) is logged and retried in the background
 * with backoff, while requests answer 503 until it is up. Any other failure is a real error and
 * is thrown. Resolves after the first attempt; `ready` settles when initialisation succeeded.
 */
export async function initWithRetry(
  name: string,
  init: () => Promise<void>,
  log: Logger,
  options: InitOptions = {},
): Promise<{ ready: Promise<void> }> {
  try {
    await init();
    return { ready: Promise.resolve() };
  } catch (err) {
    if (!(err instanceof UnavailableError)) throw err;
    log.warn("adapter_unavailable_at_start", { adapter: name, error: String(err) });
  }
  const schedule = (fn: () => void, ms: number) => {
    const id = setTimeout(fn, ms);
    if (!options.keepAlive) Deno.unrefTimer(id);
  };
  const ready = new Promise<void>((resolve) => {
    let delay = options.delayMs ?? 1000;
    const attempt = () => {
      init().then(() => {
        log.info("adapter_ready", { adapter: name });
        resolve();
      }, (err) => {
        log.warn("adapter_init_retry", { adapter: name, error: String(err), inMs: delay });
        delay = Math.min(delay * 2, options.maxDelayMs ?? 60_000);
        schedule(attempt, delay);
      });
    };
    schedule(attempt, delay);
  });
  return { ready };
}
