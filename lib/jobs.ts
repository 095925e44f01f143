import type { AppContext } from "./context.ts";
import { pipelineFor } from "./pipeline/ingest.ts";

export interface Jobs {
  stop(): void;
  drain(): Promise<void>;
}

/** Periodic work: retrying failed processing. One run at a time; errors are logged, never thrown. */
export function startJobs(ctx: AppContext): Jobs {
  const pipeline = pipelineFor(ctx);
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => pipeline.retryDue()).then((n) => {
      if (n > 0) ctx.log.info("retried", { count: n });
    }).catch((err) => ctx.log.error("retry_job_failed", { error: String(err) }));
  };
  tick();
  const timer = setInterval(tick, ctx.config.RETRY_INTERVAL_SECONDS * 1000);
  return {
    stop: () => clearInterval(timer),
    drain: async () => {
      await running;
      await pipeline.drain();
    },
  };
}
