import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint, HistoryEntry } from "../schema/complaint.ts";
import { complaintPatchSchema } from "../schema/complaint.ts";
import { parseConfig } from "../config.ts";
import { policyFromConfig } from "../escalation/policy.ts";
import { applyAgentPatch } from "./update.ts";
import {
  agentKept,
  AGREEMENT_WINDOW,
  loadNewestWithAgreement,
  loadTriageAgreement,
  originalTriage,
  triageAgreement,
} from "./triage.ts";

const analysed = (
  analyzer: string,
  history: Omit<HistoryEntry, "at">[] = [],
  extra: Partial<Complaint> = {},
) =>
  makeComplaint({
    category: "returns",
    priority: "medium",
    analysis: {
      analyzer,
      ms: 1,
      cached: false,
      ...(analyzer === "fallback"
        ? { analyzer: "local", fallback: { from: "claude", reason: "x" } }
        : {}),
    },
    history: history.map((h) => ({ at: "2026-09-01T00:00:00.000Z", ...h })),
    ...extra,
  });

const agent = "agent@x.test";
const change = (action: string, from: string, to: string, actor = agent) => ({
  actor,
  action,
  details: { from, to },
});

Deno.test("triage agreement per analyzer matches the hand-computed shares", () => {
  const complaints = [
    // local: 4 analysed; one category corrected → categoryKept 3, priorityKept 4, kept 3.
    analysed("local"),
    analysed("local", [change("category_changed", "returns", "billing")], { category: "billing" }),
    // Changed and changed back: kept.
    analysed("local", [
      change("priority_changed", "medium", "high"),
      change("priority_changed", "high", "medium"),
    ]),
    // Raised by the product on a customer's reply: not an agent's correction.
    analysed("local", [change("priority_changed", "medium", "high", "system")], {
      priority: "high",
    }),
    // claude: 2 analysed; one with both corrected → kept 1.
    analysed("claude"),
    analysed("claude", [
      change("category_changed", "returns", "delivery"),
      change("priority_changed", "medium", "low"),
    ], { category: "delivery", priority: "low" }),
    // fallback: 1 analysed, priority corrected → kept 0.
    analysed("fallback", [change("priority_changed", "medium", "critical")], {
      priority: "critical",
    }),
    // Not counted: a duplicate, one still being processed, one never analysed.
    analysed("local", [change("category_changed", "returns", "other")], { status: "duplicate" }),
    analysed("local", [], { processing: { state: "failed", attempts: 1 } }),
    makeComplaint(),
  ];
  const result = triageAgreement(complaints);
  assert.equal(result.window, 10);
  assert.deepEqual(result.byAnalyzer, [
    { analyzer: "local", analysed: 4, categoryKept: 3, priorityKept: 4, kept: 3, share: 0.75 },
    { analyzer: "claude", analysed: 2, categoryKept: 1, priorityKept: 1, kept: 1, share: 0.5 },
    { analyzer: "fallback", analysed: 1, categoryKept: 1, priorityKept: 0, kept: 0, share: 0 },
  ]);
  assert.deepEqual(result.overall, {
    analyzer: "all",
    analysed: 7,
    categoryKept: 5,
    priorityKept: 5,
    kept: 4,
    share: 0.571,
  });
});

Deno.test("an analyzer with no complaints has no share (not 0 %)", () => {
  const result = triageAgreement([]);
  assert.deepEqual(result.byAnalyzer.map((r) => [r.analyzer, r.share]), [
    ["local", null],
    ["claude", null],
    ["fallback", null],
  ]);
});

Deno.test("corrections through the agent patch keep the analyzer's original across changes and count against it", async () => {
  await withTempStore(async (store) => {
    const ctx = {
      store,
      now: () => new Date("2026-09-10T09:00:00.000Z"),
      policy: policyFromConfig(parseConfig({})),
    };
    const c = analysed("claude", [], { team: "returns" });
    const untouched = analysed("claude");
    await store.createComplaint(c);
    await store.createComplaint(untouched);
    const patch = (p: unknown) => applyAgentPatch(ctx, c.id, complaintPatchSchema.parse(p), agent);
    await patch({ category: "billing" });
    const twice = await patch({ category: "delivery" });
    assert.equal(originalTriage(twice, "category"), "returns");
    const last = twice.history.at(-2)!; // category, then the team that follows it
    assert.deepEqual(last.details, { from: "billing", to: "delivery", original: "returns" });
    assert.equal(agentKept(twice, "category"), false);
    const back = await patch({ category: "returns" });
    assert.equal(agentKept(back, "category"), true);
    await patch({ priority: "high" });

    const agreement = await loadTriageAgreement({ store });
    const claude = agreement.byAnalyzer.find((r) => r.analyzer === "claude")!;
    assert.deepEqual(claude, {
      analyzer: "claude",
      analysed: 2,
      categoryKept: 2,
      priorityKept: 1,
      kept: 1,
      share: 0.5,
    });
  });
});

Deno.test("the dashboard's read: the newest complaints of the window, newest first, and the agreement over exactly them", () =>
  withTempStore(async (store) => {
    // Older complaints by a fallback analyzer, the window's worth of newer ones by "local".
    for (let i = 0; i < 20; i++) {
      const receivedAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      await store.createComplaint(analysed("fallback", [], { receivedAt }));
    }
    for (let i = 0; i < AGREEMENT_WINDOW; i++) {
      const receivedAt = new Date(Date.UTC(2026, 5, 1, 0, 0, i)).toISOString();
      await store.createComplaint(analysed("local", [], { receivedAt }));
    }
    const { newest, agreement } = await loadNewestWithAgreement({ store });
    assert.equal(newest.length, AGREEMENT_WINDOW);
    assert.ok(newest.every((c) => c.analysis?.analyzer === "local"), "only the window");
    const times = newest.map((c) => c.receivedAt);
    assert.deepEqual(times, [...times].sort().reverse(), "newest first");
    assert.equal(agreement.window, AGREEMENT_WINDOW);
    assert.equal(agreement.overall.analysed, AGREEMENT_WINDOW);
    assert.deepEqual(agreement, await loadTriageAgreement({ store }));
  }));
