import assert from "node:assert/strict";
import { decideFor } from "./decide.ts";
import { parseConfig } from "../config.ts";
import { policyFromConfig } from "../escalation/policy.ts";
import { CATEGORIES } from "../schema/complaint.ts";

const RECEIVED = "2026-09-07T10:00:00.000Z";
const teamOf = (config: ReturnType<typeof parseConfig>, category: (typeof CATEGORIES)[number]) =>
  decideFor(
    policyFromConfig(config),
    { category, priority: "low", escalationLevel: 0, tags: [] },
    RECEIVED,
  )
    .team;

Deno.test("each category has its owning team", () => {
  const config = parseConfig({});
  assert.equal(teamOf(config, "returns"), "returns");
  assert.equal(teamOf(config, "delivery"), "logistics");
  assert.equal(teamOf(config, "quality"), "quality");
  assert.equal(teamOf(config, "technical"), "tech_support");
  assert.equal(teamOf(config, "billing"), "billing");
  assert.equal(teamOf(config, "other"), "customer_service");
  for (const c of CATEGORIES) assert.ok(teamOf(config, c).length > 0, c);
});

Deno.test("decideFor sets team, level and SLA from the configured policy", () => {
  const config = parseConfig({ SLA_HIGH_HOURS: "2", ESCALATION_TEAMS: "delivery:couriers" });
  const d = decideFor(
    policyFromConfig(config),
    { category: "delivery", priority: "high", escalationLevel: 2, tags: ["fraud"] },
    RECEIVED,
  );
  assert.equal(d.team, "couriers");
  assert.equal(d.escalationLevel, 3);
  assert.equal(d.slaDueAt, "2026-09-07T12:00:00.000Z");
  assert.equal(d.slaWarnAt, "2026-09-07T11:30:00.000Z");
});
