import type { App } from "./context.ts";
import { runEscalation } from "./escalation/job.ts";
import { retryOutbound } from "./outbound/retry.ts";
import { reanalyzeDue } from "./pipeline/reanalyze.ts";
import { refreshIncidentAlerts } from "./incidents/service.ts";

export interface Jobs {
  stop(): void;
  drain(): Promise<void>;
}

/** What one run of the periodic work did. */
export interface JobsRun {
  /** Complaints and claims processed again. */
  retried: number;
  escalated: number;
  alerted: number;
  /** Failed alerts sent on a later attempt. */
  alertsRetried: number;
  /** Replies to customers delivered on a later attempt. */
  repliesRetried: number;
  /** Complaints triaged locally while Claude was slow or down, now read by Claude. */
  reanalysed: number;
  /** Incident alerts edited with joins that came too soon after an edit, or sent again. */
  incidentAlerts: number;
}

/**
 * One run of the periodic work: retry failed processing, escalate overdue complaints, retry
 * failed alerts, send replies whose send failed again. Safe from any driver on any number of instances at once: every item is taken
 * under a lease in the store. The in-process timer, `Deno.cron` and `POST /jobs/run` all call it.
 */
export async function runJobsOnce(ctx: App): Promise<JobsRun> {
  const retried = await ctx.pipeline.retryDue();
  const r = await runEscalation(ctx);
  const repliesRetried = await retryOutbound(ctx, ctx.pipeline.locks);
  const reanalysed = await reanalyzeDue(ctx, ctx.pipeline);
  const incidentAlerts = await refreshIncidentAlerts(ctx);
  return {
    reanalysed,
    retried,
    escalated: r.escalated,
    alerted: r.alerted,
    alertsRetried: r.retried,
    repliesRetried,
    incidentAlerts,
  };
}

/**
 * The in-process driver of the periodic work (`JOBS_DRIVER=timer`): retrying failed processing
 * every RETRY_INTERVAL_SECONDS; escalating overdue complaints and retrying failed alerts every
 * ESCALATION_INTERVAL_SECONDS. One run of each at a time; errors are logged, never thrown.
 */
export function startJobs(ctx: App): Jobs {
  const pipeline = ctx.pipeline;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => pipeline.retryDue()).then((n) => {
      if (n > 0) ctx.log.info("retried", { count: n });
    }).catch((err) => ctx.log.error("retry_job_failed", { error: String(err) }))
      .then(() => retryOutbound(ctx, pipeline.locks)).then((n) => {
        if (n > 0) ctx.log.info("replies_retried", { count: n });
      }).catch((err) => ctx.log.error("outbound_retry_failed", { error: String(err) }))
      .then(() => reanalyzeDue(ctx, pipeline)).then((n) => {
        if (n > 0) ctx.log.info("reanalysed", { count: n });
      }).catch((err) => ctx.log.error("reanalysis_job_failed", { error: String(err) }));
  };
  tick();
  const timer = setInterval(tick, ctx.config.RETRY_INTERVAL_SECONDS * 1000);
  let escalating: Promise<unknown> = Promise.resolve();
  const escalate = () => {
    escalating = escalating.then(() => runEscalation(ctx)).then((r) => {
      if (r.escalated + r.alerted + r.retried > 0) ctx.log.info("escalation_run", { ...r });
    }).catch((err) => ctx.log.error("escalation_job_failed", { error: String(err) }))
      .then(() => refreshIncidentAlerts(ctx)).then((n) => {
        if (n > 0) ctx.log.info("incident_alerts_refreshed", { count: n });
      }).catch((err) => ctx.log.error("incident_alert_job_failed", { error: String(err) }));
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

/** `Deno.cron`, where the runtime has it (Deno Deploy; `--unstable-cron` elsewhere). */
type Cron = (name: string, schedule: string, handler: () => Promise<void>) => Promise<void>;

/**
 * Start the periodic work with the configured driver: `timer` (in-process intervals), `cron`
 * (`Deno.cron` once a minute; start-up fails when the runtime lacks it) or `external` (nothing
 * here: a scheduler calls `POST /functions/v1/api/jobs/run`).
 */
export function startJobDriver(
  ctx: App,
  cron: Cron | undefined = (Deno as unknown as { cron?: Cron }).cron,
): Jobs {
  switch (ctx.config.JOBS_DRIVER) {
    case "timer":
      return startJobs(ctx);
    case "external":
      return { stop: () => {}, drain: () => ctx.pipeline.drain() };
    case "cron": {
      if (!cron) {
        throw new Error(
          "JOBS_DRIVER=cron needs Deno.cron (Deno Deploy, or run with --unstable-cron)",
        );
      }
      let running: Promise<unknown> = Promise.resolve();
      cron(
        "inbox-triage-jobs",
        "* * * * *",
        () =>
          running = running.then(() => runJobsOnce(ctx)).then((r) => {
            ctx.log.info("jobs_run", { driver: "cron", ...r });
          }).catch((err) => ctx.log.error("jobs_run_failed", { error: String(err) })),
      );
      return {
        stop: () => {},
        drain: async () => {
          await running;
          await ctx.pipeline.drain();
        },
      };
    }
  }
}
