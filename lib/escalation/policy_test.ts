import assert from "node:assert/strict";
import { parseConfig } from "../config.ts";
import {
  alertsOnArrival,
  atLeast,
  decide,
  levelFor,
  overdueLevel,
  policyFromConfig,
  slaState,
  teamFor,
} from "./policy.ts";
import { slaFields } from "./sla.ts";

const slaTimes = (
  policy: typeof DEFAULT_POLICY,
  priority: "critical" | "high" | "medium" | "low",
  receivedAt: string,
) => {
  const f = slaFields(policy, { priority, receivedAt, status: "new" });
  return { slaDueAt: f.slaDueAt!, slaWarnAt: f.slaWarnAt! };
};

/** The policy of an unset environment: every default comes from the config schema. */
const DEFAULT_POLICY = policyFromConfig(parseConfig({}));
const RECEIVED = "2026-09-07T10:00:00.000Z";
const hoursAfter = (h: number) => new Date(Date.parse(RECEIVED) + h * 3_600_000);

Deno.test("each category goes to the seed's team by default", () => {
  assert.equal(teamFor(DEFAULT_POLICY, "returns"), "returns");
  assert.equal(teamFor(DEFAULT_POLICY, "delivery"), "logistics");
  assert.equal(teamFor(DEFAULT_POLICY, "quality"), "quality");
  assert.equal(teamFor(DEFAULT_POLICY, "technical"), "tech_support");
  assert.equal(teamFor(DEFAULT_POLICY, "billing"), "billing");
  assert.equal(teamFor(DEFAULT_POLICY, "other"), "customer_service");
});

Deno.test("config overrides teams and SLA hours; categories not named keep their team", () => {
  const policy = policyFromConfig(parseConfig({
    ESCALATION_TEAMS: "delivery: couriers",
    SLA_HIGH_HOURS: "2",
    SLA_CRITICAL_HOURS: "0.5",
  }));
  assert.equal(policy.teams.delivery, "couriers");
  assert.equal(policy.teams.billing, "billing");
  assert.equal(policy.slaHours.high, 2);
  assert.equal(policy.slaHours.critical, 0.5);
  assert.equal(policy.slaHours.low, 72);
});

Deno.test("the default SLA is 1 h critical, 4 h high, 24 h medium, 72 h low from receipt", () => {
  const due = (p: "critical" | "high" | "medium" | "low") =>
    slaTimes(DEFAULT_POLICY, p, RECEIVED).slaDueAt;
  assert.equal(due("critical"), hoursAfter(1).toISOString());
  assert.equal(due("high"), hoursAfter(4).toISOString());
  assert.equal(due("medium"), hoursAfter(24).toISOString());
  assert.equal(due("low"), hoursAfter(72).toISOString());
  assert.equal(slaTimes(DEFAULT_POLICY, "high", RECEIVED).slaWarnAt, hoursAfter(3).toISOString());
});

Deno.test("level follows priority, the analyzer when higher, and safety/legal/fraud flags to 3", () => {
  assert.equal(levelFor("low", []), 0);
  assert.equal(levelFor("medium", []), 1);
  assert.equal(levelFor("high", []), 2);
  assert.equal(levelFor("critical", []), 3);
  assert.equal(levelFor("low", [], 2), 2);
  assert.equal(levelFor("medium", [], 9), 3);
  for (const flag of ["safety", "legal", "fraud"]) assert.equal(levelFor("low", [flag]), 3);
  assert.equal(levelFor("low", ["compensation", "followUp"]), 0);
});

Deno.test("decide returns team, level and SLA together", () => {
  const d = decide(DEFAULT_POLICY, {
    category: "quality",
    priority: "high",
    tags: ["safety"],
    receivedAt: RECEIVED,
  });
  assert.deepEqual(d, {
    team: "quality",
    escalationLevel: 3,
    slaDueAt: hoursAfter(4).toISOString(),
    slaWarnAt: hoursAfter(3).toISOString(),
    slaResolutionDueAt: hoursAfter(4).toISOString(),
    slaClock: { pausedMs: 0 },
  });
});

Deno.test("SLA state moves from on time to due soon to overdue; closed complaints have none", () => {
  const c = { status: "new" as const, ...slaTimes(DEFAULT_POLICY, "high", RECEIVED) };
  assert.equal(slaState(c, hoursAfter(1)), "on_time");
  assert.equal(slaState(c, hoursAfter(3.5)), "due_soon");
  assert.equal(slaState(c, hoursAfter(4)), "overdue");
  assert.equal(slaState({ ...c, status: "resolved" }, hoursAfter(9)), "closed");
  assert.equal(slaState({ ...c, status: "duplicate" }, hoursAfter(9)), "closed");
  assert.equal(slaState({ status: "new" }, hoursAfter(900)), "on_time");
});

Deno.test("overdue raises one level at the deadline and one more per further window, up to 3", () => {
  const c = {
    priority: "medium" as const,
    escalationLevel: 1,
    slaDueAt: hoursAfter(24).toISOString(),
  };
  assert.equal(overdueLevel(DEFAULT_POLICY, c, 1, hoursAfter(23)), 1);
  assert.equal(overdueLevel(DEFAULT_POLICY, c, 1, hoursAfter(24)), 2);
  assert.equal(overdueLevel(DEFAULT_POLICY, c, 1, hoursAfter(47)), 2);
  assert.equal(overdueLevel(DEFAULT_POLICY, c, 1, hoursAfter(48)), 3);
  assert.equal(overdueLevel(DEFAULT_POLICY, c, 1, hoursAfter(500)), 3);
  assert.equal(overdueLevel(DEFAULT_POLICY, { ...c, escalationLevel: 3 }, 1, hoursAfter(24)), 3);
});

Deno.test("thresholds compare priorities by rank", () => {
  assert.equal(atLeast("medium", "medium"), true);
  assert.equal(atLeast("low", "medium"), false);
  assert.equal(atLeast("critical", "high"), true);
  assert.equal(atLeast("high", "critical"), false);
});

Deno.test("an arriving complaint alerts at TELEGRAM_MIN_PRIORITY (default medium) and above, while open", () => {
  const defaults = parseConfig({});
  const open = (priority: "low" | "medium" | "high" | "critical") => ({
    priority,
    status: "new" as const,
  });
  assert.equal(alertsOnArrival(defaults, open("low")), false);
  assert.equal(alertsOnArrival(defaults, open("medium")), true);
  assert.equal(alertsOnArrival(defaults, open("critical")), true);
  const strict = parseConfig({ TELEGRAM_MIN_PRIORITY: "critical" });
  assert.equal(alertsOnArrival(strict, open("high")), false);
  assert.equal(alertsOnArrival(strict, open("critical")), true);
  assert.equal(alertsOnArrival(parseConfig({ TELEGRAM_MIN_PRIORITY: "low" }), open("low")), true);
  for (const status of ["resolved", "closed", "duplicate"] as const) {
    assert.equal(alertsOnArrival(defaults, { priority: "critical", status }), false, status);
  }
  assert.equal(alertsOnArrival(defaults, { priority: "high", status: "in_progress" }), true);
});
