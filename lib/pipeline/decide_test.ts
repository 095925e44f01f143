import assert from "node:assert/strict";
import { decideFor, escalationLevel, shouldAlert, teamFor } from "./decide.ts";
import { parseConfig } from "../config.ts";
import { CATEGORIES } from "../schema/complaint.ts";

Deno.test("each category has its owning team", () => {
  assert.equal(teamFor("returns"), "returns");
  assert.equal(teamFor("delivery"), "logistics");
  assert.equal(teamFor("quality"), "quality");
  assert.equal(teamFor("technical"), "tech_support");
  assert.equal(teamFor("billing"), "billing");
  assert.equal(teamFor("other"), "customer_service");
  for (const c of CATEGORIES) assert.ok(teamFor(c).length > 0, c);
});

Deno.test("escalation follows the priority when the analyzer asks for less", () => {
  assert.equal(escalationLevel({ priority: "low", escalationLevel: 0 }), 0);
  assert.equal(escalationLevel({ priority: "medium", escalationLevel: 0 }), 1);
  assert.equal(escalationLevel({ priority: "high", escalationLevel: 1 }), 2);
  assert.equal(escalationLevel({ priority: "critical", escalationLevel: 0 }), 3);
});

Deno.test("escalation follows the analyzer when it asks for more, capped at 3", () => {
  assert.equal(escalationLevel({ priority: "low", escalationLevel: 2 }), 2);
  assert.equal(escalationLevel({ priority: "medium", escalationLevel: 3 }), 3);
  assert.equal(escalationLevel({ priority: "high", escalationLevel: 9 }), 3);
});

Deno.test("alerts fire at high and above by default, or from a chosen minimum", () => {
  assert.equal(shouldAlert("low"), false);
  assert.equal(shouldAlert("medium"), false);
  assert.equal(shouldAlert("high"), true);
  assert.equal(shouldAlert("critical"), true);
  assert.equal(shouldAlert("high", "critical"), false);
  assert.equal(shouldAlert("medium", "medium"), true);
  assert.equal(shouldAlert("low", "low"), true);
});

Deno.test("decideFor sets team, level and SLA from the configured policy", () => {
  const config = parseConfig({ SLA_HIGH_HOURS: "2", ESCALATION_TEAMS: "delivery:couriers" });
  const d = decideFor(
    config,
    { category: "delivery", priority: "high", escalationLevel: 2, tags: ["fraud"] },
    "2026-09-07T10:00:00.000Z",
  );
  assert.equal(d.team, "couriers");
  assert.equal(d.escalationLevel, 3);
  assert.equal(d.slaDueAt, "2026-09-07T12:00:00.000Z");
  assert.equal(d.slaWarnAt, "2026-09-07T11:30:00.000Z");
});
