import assert from "node:assert/strict";
import { parseConfig } from "../config.ts";
import { policyFromConfig } from "./policy.ts";
import { slaFields, slaOnFirstResponse, slaOnPriority, slaOnStatus, slaOutcome } from "./sla.ts";

const H = 3_600_000;
const RECEIVED = "2026-12-07T04:00:00.000Z"; // Monday 09:00 in Almaty
const after = (h: number) => new Date(Date.parse(RECEIVED) + h * H);
const policy = policyFromConfig(parseConfig({
  SLA_FIRST_RESPONSE_HOURS: "high:1,medium:2",
  SLA_HIGH_HOURS: "4",
}));

Deno.test("before the first answer the first-response deadline counts; after it, resolution", () => {
  const c = { priority: "high" as const, receivedAt: RECEIVED, status: "new" as const };
  const start = slaFields(policy, c);
  assert.equal(start.slaFirstResponseDueAt, after(1).toISOString());
  assert.equal(start.slaResolutionDueAt, after(4).toISOString());
  assert.equal(start.slaDueAt, after(1).toISOString());
  assert.equal(start.slaWarnAt, after(0.75).toISOString());
  const answered = slaOnFirstResponse(policy, { ...c, ...start }, after(0.5));
  assert.equal(answered.slaClock.firstResponseAt, after(0.5).toISOString());
  assert.equal(answered.slaDueAt, after(4).toISOString());
  assert.equal(
    slaOnFirstResponse(policy, { ...c, ...answered }, after(2)).slaClock.firstResponseAt,
    after(0.5).toISOString(),
    "only the first answer counts",
  );
  assert.deepEqual(slaOutcome({ status: "resolved", ...answered }, after(3).toISOString()), {
    firstResponse: true,
    resolution: true,
  });
  assert.deepEqual(slaOutcome({ status: "in_progress", ...answered }, null), {
    firstResponse: true,
    resolution: null,
  });
});

Deno.test("priorities without a first-response target have only the resolution deadline", () => {
  const f = slaFields(policy, { priority: "low", receivedAt: RECEIVED, status: "new" });
  assert.equal(f.slaFirstResponseDueAt, undefined);
  assert.equal(f.slaDueAt, after(72).toISOString());
});

Deno.test("waiting on the customer stops the clock; their answer starts it again, deadlines moved", () => {
  const c = {
    priority: "high" as const,
    receivedAt: RECEIVED,
    status: "in_progress" as const,
    slaClock: { firstResponseAt: after(0.5).toISOString(), pausedMs: 0 },
  };
  const paused = slaOnStatus(policy, c, "waiting", after(1));
  assert.equal(paused.slaDueAt, undefined, "no deadline counts while waiting");
  assert.equal(paused.slaClock.pausedAt, after(1).toISOString());
  const resumed = slaOnStatus(
    policy,
    { ...c, ...paused, status: "waiting" },
    "in_progress",
    after(3),
  );
  assert.equal(resumed.slaClock.pausedAt, undefined);
  assert.equal(resumed.slaClock.pausedMs, 2 * H);
  assert.equal(resumed.slaDueAt, after(6).toISOString(), "4 h target + 2 h waited");
});

Deno.test("in business hours the clock stops at night, and waiting overnight costs nothing", () => {
  const almaty = policyFromConfig(parseConfig({
    SLA_HIGH_HOURS: "4",
    SLA_BUSINESS_HOURS: "Mon-Fri 09:00-18:00",
    SLA_TIMEZONE: "Asia/Almaty",
  }));
  // Received Monday 16:00 local (11:00Z): 2 h today, 2 h Tuesday from 09:00 → Tuesday 11:00 local.
  const c = {
    priority: "high" as const,
    receivedAt: "2026-12-07T11:00:00.000Z",
    status: "new" as const,
  };
  assert.equal(slaFields(almaty, c).slaDueAt, "2026-12-08T06:00:00.000Z");
  // Waiting from Monday 17:00 to Tuesday 08:00 local: one business hour paused.
  const paused = slaOnStatus(almaty, c, "waiting", new Date("2026-12-07T12:00:00.000Z"));
  const resumed = slaOnStatus(
    almaty,
    { ...c, ...paused, status: "waiting" },
    "in_progress",
    new Date("2026-12-08T03:00:00.000Z"),
  );
  assert.equal(resumed.slaClock.pausedMs, H);
  assert.equal(resumed.slaDueAt, "2026-12-08T07:00:00.000Z");
});

Deno.test("a bad SLA setting stops start-up with the variable named", () => {
  assert.throws(
    () => parseConfig({ SLA_FIRST_RESPONSE_HOURS: "urgent:1" }),
    /SLA_FIRST_RESPONSE_HOURS/,
  );
  assert.throws(() => parseConfig({ SLA_BUSINESS_HOURS: "weekdays" }), /SLA_BUSINESS_HOURS/);
  assert.throws(() => parseConfig({ SLA_TIMEZONE: "Nowhere/City" }), /SLA_TIMEZONE/);
});

Deno.test("a new priority moves the deadlines from receipt and keeps the clock: the first answer, time waited, a pause", () => {
  const c = { priority: "medium" as const, receivedAt: RECEIVED, status: "new" as const };
  const answered = slaOnFirstResponse(policy, { ...c, ...slaFields(policy, c) }, after(0.5));
  const waiting = slaOnStatus(policy, { ...c, ...answered }, "waiting", after(1));
  const back = slaOnStatus(
    policy,
    { ...c, ...waiting, status: "waiting" },
    "in_progress",
    after(3),
  );
  assert.equal(back.slaClock.pausedMs, 2 * H);

  const raised = slaOnPriority(policy, { ...c, ...back, status: "in_progress" }, "high");
  assert.deepEqual(raised.slaClock, back.slaClock, "the clock is kept");
  assert.equal(raised.slaResolutionDueAt, after(4 + 2).toISOString(), "high's 4 h + 2 h waited");
  assert.equal(raised.slaFirstResponseDueAt, after(1 + 2).toISOString());
  assert.equal(raised.slaDueAt, after(6).toISOString(), "answered: resolution counts");

  const paused = slaOnPriority(policy, { ...c, ...waiting, status: "waiting" }, "high");
  assert.equal(paused.slaClock.pausedAt, after(1).toISOString(), "still waiting");
  assert.equal(paused.slaDueAt, undefined, "no deadline counts while waiting");
  assert.equal(paused.slaResolutionDueAt, after(4).toISOString());
});
