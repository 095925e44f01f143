import {
  CLOSED_STATUSES,
  type Complaint,
  type Priority,
  type Status,
} from "../schema/complaint.ts";
import { addBusinessMs, businessMs } from "./calendar.ts";
import type { BusinessCalendar } from "./calendar.ts";

/** The SLA deadlines a priority change sets (absent ones, as while waiting, are cleared). */
export const SLA_DEADLINES = [
  "slaDueAt",
  "slaWarnAt",
  "slaFirstResponseDueAt",
  "slaResolutionDueAt",
] as const satisfies readonly (keyof Complaint)[];

/** Everything the SLA keeps on a complaint: its clock and its deadlines. */
export const SLA_FIELDS = ["slaClock", ...SLA_DEADLINES] as const;

/** What the SLA clock needs of the escalation policy (policy.ts builds it from config). */
export interface SlaPolicy {
  slaHours: Record<Priority, number>;
  firstResponseHours: Partial<Record<Priority, number>>;
  calendar: BusinessCalendar;
}

/** Share of an SLA window left when a complaint counts as due soon. */
export const DUE_SOON_SHARE = 0.25;

/** The SLA clock a complaint carries: the first answer, and time paused waiting on the customer. */
export interface SlaClock {
  /** When an agent first answered the customer (meets the first-response target). */
  firstResponseAt?: string;
  /** Set while the complaint waits on the customer: the clock stands still. */
  pausedAt?: string;
  /** Business milliseconds spent paused so far (deadlines move by this much). */
  pausedMs: number;
}

/** The SLA fields stored on a complaint. */
export interface SlaFields {
  slaClock: SlaClock;
  /** The deadline that counts now (first response before the first answer, else resolution). */
  slaDueAt?: string;
  slaWarnAt?: string;
  slaFirstResponseDueAt?: string;
  slaResolutionDueAt: string;
}

type SlaInput = Pick<Complaint, "priority" | "receivedAt" | "status"> & { slaClock?: SlaClock };

function deadline(policy: SlaPolicy, start: number, hours: number, pausedMs: number) {
  const window = Math.round(hours * 3_600_000);
  const cal = policy.calendar;
  return {
    due: new Date(addBusinessMs(start, window + pausedMs, cal)).toISOString(),
    warn: new Date(addBusinessMs(start, Math.round(window * (1 - DUE_SOON_SHARE)) + pausedMs, cal))
      .toISOString(),
  };
}

/**
 * The SLA of a complaint as it stands: the resolution deadline from its priority, and the
 * first-response one (when SLA_FIRST_RESPONSE_HOURS sets it) until an agent has answered, both
 * in business time (SLA_BUSINESS_HOURS, SLA_TIMEZONE, SLA_HOLIDAYS) and moved by the time spent
 * waiting on the customer. While it waits, no deadline counts (`slaDueAt` absent).
 */
export function slaFields(policy: SlaPolicy, c: SlaInput): SlaFields {
  const clock: SlaClock = c.slaClock ?? { pausedMs: 0 };
  const start = Date.parse(c.receivedAt);
  const resolution = deadline(policy, start, policy.slaHours[c.priority], clock.pausedMs);
  const frHours = policy.firstResponseHours[c.priority];
  const first = frHours === undefined
    ? undefined
    : deadline(policy, start, frHours, clock.pausedMs);
  const current = first && !clock.firstResponseAt && first.due < resolution.due
    ? first
    : resolution;
  return {
    slaClock: clock,
    slaResolutionDueAt: resolution.due,
    ...(first ? { slaFirstResponseDueAt: first.due } : {}),
    // Explicitly absent while paused, so an update clears the stored ones.
    ...(clock.pausedAt
      ? { slaDueAt: undefined, slaWarnAt: undefined }
      : { slaDueAt: current.due, slaWarnAt: current.warn }),
  };
}

/**
 * What a status change does to the SLA: entering `waiting` stops the clock, leaving it starts it
 * again with the deadlines moved by the business time it stood still.
 */
export function slaOnStatus(
  policy: SlaPolicy,
  c: SlaInput,
  next: Status,
  now: Date,
): SlaFields {
  const clock: SlaClock = { ...(c.slaClock ?? { pausedMs: 0 }) };
  const waiting = next === "waiting";
  if (waiting && !clock.pausedAt) clock.pausedAt = now.toISOString();
  if (!waiting && clock.pausedAt) {
    clock.pausedMs += Math.max(
      0,
      businessMs(Date.parse(clock.pausedAt), now.getTime(), policy.calendar),
    );
    delete clock.pausedAt;
  }
  return slaFields(policy, { ...c, status: next, slaClock: clock });
}

/**
 * What a new priority does to the SLA (an agent's change, or a re-run's analysis): the deadlines
 * are those of the new priority, still counted from receipt and with the clock as it stands (the
 * first answer, time waiting on the customer, a pause in progress), never started again.
 */
export function slaOnPriority(policy: SlaPolicy, c: SlaInput, priority: Priority): SlaFields {
  return slaFields(policy, { ...c, priority });
}

/** The first agent answer meets the first-response target; later ones change nothing. */
export function slaOnFirstResponse(policy: SlaPolicy, c: SlaInput, now: Date): SlaFields {
  const clock: SlaClock = { ...(c.slaClock ?? { pausedMs: 0 }) };
  clock.firstResponseAt ??= now.toISOString();
  return slaFields(policy, { ...c, slaClock: clock });
}

/** Whether a complaint met its first-response and resolution targets (null: not yet known). */
export function slaOutcome(
  c: Pick<Complaint, "status" | "slaFirstResponseDueAt" | "slaResolutionDueAt" | "slaClock">,
  resolvedAt: string | null,
): { firstResponse: boolean | null; resolution: boolean | null } {
  const fr = c.slaFirstResponseDueAt && c.slaClock?.firstResponseAt
    ? c.slaClock.firstResponseAt <= c.slaFirstResponseDueAt
    : null;
  const res = c.slaResolutionDueAt && resolvedAt && CLOSED_STATUSES.includes(c.status)
    ? resolvedAt <= c.slaResolutionDueAt
    : null;
  return { firstResponse: fr, resolution: res };
}
