import type { App } from "./context.ts";
import { runEscalation } from "./escalation/job.ts";

export interface Jobs {
  stop(): void;
  drain(): Promise<void>;
}

/**
 * Periodic work: retrying failed processing; escalating overdue complaints and retrying failed
 * alerts. One run of each at a time; errors are logged, never thrown.
 */
export function startJobs(ctx: App): Jobs {
  const pipeline = ctx.pipeline;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => pipeline.retryDue()).then((n) => {
      if (n > 0) ctx.log.info("retried", { count: n });
    }).catch((err) => ctx.log.error("retry_job_failed", { error: String(err) }));
  };
  tick();
  const timer = setInterval(tick, ctx.config.RETRY_INTERVAL_SECONDS * 1000);
  let escalating: Promise<unknown> = Promise.resolve();
  const escalate = () => {
    escalating = escalating.then(() => runEscalation(ctx)).then((r) => {
      if (r.escalated + r.alerted + r.retried > 0) ctx.log.info("escalation_run", { ...r });
    }).catch((err) => ctx.log.error("escalation_job_failed", { error: String(err) }));
  };
  escalate();
  const escalationTimer = setInterval(escalate, ctx.config.ESCALATION_INTERVAL_SECONDS * 1000);
  return {
    stop: () => {
      clearInterval(timer);
      clearInterval(escalationTimer);
    },
    drain: async () => {
      await running;
      await escalating;
      await pipeline.drain();
    },
  };
}
