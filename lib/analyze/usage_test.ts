import assert from "node:assert/strict";
import { parseConfig } from "../config.ts";
import { withTempStore } from "../../test/support/store.ts";
import { BATCH_SUFFIX, priceFor, recordUsage, usageCost, usageReport } from "./usage.ts";

const prices = parseConfig({ CLAUDE_PRICES: "claude-sonnet-4-5:3/15,my-model:2/8" }).CLAUDE_PRICES;

Deno.test("a model's price is its entry or the longest entry it is a dated version of", () => {
  assert.deepEqual(priceFor(prices, "claude-sonnet-4-5"), { input: 3, output: 15 });
  assert.deepEqual(priceFor(prices, "claude-sonnet-4-5-20250929"), { input: 3, output: 15 });
  assert.deepEqual(priceFor(prices, "my-model"), { input: 2, output: 8 });
  assert.deepEqual(priceFor(prices, "claude-haiku-4-5"), { input: 1, output: 5 }, "a default");
  assert.equal(priceFor(prices, "claude-sonnet-4"), undefined, "a prefix of an entry is not it");
  assert.equal(priceFor(prices, "gpt-5"), undefined);
});

Deno.test("cost counts plain input, cache reads at a tenth, cache writes at 1.25×, output", () => {
  const usage = { calls: 1, input: 1_000_000, output: 100_000, cacheRead: 500_000, cacheWrite: 0 };
  // 0.5 M plain × $3 + 0.5 M read × $0.30 + 0.1 M out × $15 = 1.5 + 0.15 + 1.5
  assert.equal(usageCost(usage, { input: 3, output: 15 }), 3.15);
  const writes = { ...usage, cacheRead: 0, cacheWrite: 1_000_000, output: 0 };
  assert.equal(usageCost(writes, { input: 3, output: 15 }), 3.75);
  assert.equal(usageCost(usage, undefined), null, "no price, no made-up cost");
});

Deno.test("the usage report sums models per day, newest first, over the last days only", async () => {
  await withTempStore(async (store) => {
    const ctx = {
      store,
      now: () => new Date("2026-03-10T09:00:00Z"),
      config: parseConfig({ CLAUDE_PRICES: "claude-sonnet-4-5:3/15" }),
    };
    const m = 1_000_000;
    await store.addUsage("2026-03-10", "claude-sonnet-4-5", {
      calls: 2,
      input: m,
      output: 0,
      cacheRead: 0,
      cacheWrite: 0,
    });
    await store.addUsage("2026-03-10", "claude-haiku-4-5", {
      calls: 1,
      input: m,
      output: m,
      cacheRead: 0,
      cacheWrite: 0,
    });
    await store.addUsage("2026-03-09", "unpriced-model", {
      calls: 1,
      input: 10,
      output: 1,
      cacheRead: 0,
      cacheWrite: 0,
    });
    await store.addUsage("2026-02-01", "claude-haiku-4-5", {
      calls: 9,
      input: 9,
      output: 9,
      cacheRead: 0,
      cacheWrite: 0,
    });
    const report = await usageReport(ctx, 14);
    assert.deepEqual(report.map((d) => d.day), ["2026-03-10", "2026-03-09"]);
    assert.equal(report[0].calls, 3);
    assert.equal(report[0].input, 2 * m);
    assert.equal(report[0].costUsd, 3 + 1 + 5, "sonnet $3 in; haiku $1 in + $5 out");
    assert.deepEqual(report[0].models, ["claude-haiku-4-5", "claude-sonnet-4-5"]);
    assert.equal(report[1].costUsd, null, "a day with an unpriced model has no total");
  });
});

Deno.test("batch answers are recorded apart and priced at half", async () => {
  await withTempStore(async (store) => {
    const ctx = {
      store,
      log: { warn: () => {} } as unknown as Parameters<typeof recordUsage>[0]["log"],
      now: () => new Date("2026-03-10T09:00:00Z"),
      config: parseConfig({ CLAUDE_PRICES: "claude-sonnet-4-5:3/15" }),
    };
    const m = 1_000_000;
    const tokens = { input: m, output: m, calls: 1 };
    await recordUsage(ctx, { analyzer: "claude", model: "claude-sonnet-4-5", tokens });
    await recordUsage(ctx, {
      analyzer: "claude",
      model: "claude-sonnet-4-5",
      tokens,
      batch: true,
    });
    const [day] = await usageReport(ctx, 14);
    assert.deepEqual(day.models.sort(), ["claude-sonnet-4-5", `claude-sonnet-4-5${BATCH_SUFFIX}`]);
    assert.equal(day.calls, 2);
    assert.equal(day.costUsd, (3 + 15) + (3 + 15) / 2);
  });
});
