import assert from "node:assert/strict";
import type { ContractStep } from "./agent_contract.ts";

const one = { calls: 1, input: 1200, output: 150, cacheRead: 1000, cacheWrite: 0 };

/** The usage ledger's contract (Claude's tokens per day and model), for every adapter. */
export async function runUsageContract(step: ContractStep): Promise<void> {
  await step(
    "usage adds up per day and model, and lists from a day on, newest first",
    async (s) => {
      await s.addUsage("2026-03-01", "claude-haiku", one);
      await s.addUsage("2026-03-01", "claude-haiku", { ...one, calls: 2, cacheRead: 0 });
      await s.addUsage("2026-03-01", "claude-sonnet", one);
      await s.addUsage("2026-03-02", "claude-haiku", one);
      await s.addUsage("2026-02-27", "claude-haiku", one);
      assert.deepEqual(await s.listUsage("2026-03-01"), [
        { day: "2026-03-02", model: "claude-haiku", ...one },
        {
          day: "2026-03-01",
          model: "claude-haiku",
          calls: 3,
          input: 2400,
          output: 300,
          cacheRead: 1000,
          cacheWrite: 0,
        },
        { day: "2026-03-01", model: "claude-sonnet", ...one },
      ]);
      assert.deepEqual(await s.listUsage("2026-04-01"), []);
    },
  );

  await step("concurrent additions to one day are all counted", async (s) => {
    await Promise.all(
      Array.from({ length: 20 }, () => s.addUsage("2026-03-05", "m", { ...one, input: 10 })),
    );
    const [row] = await s.listUsage("2026-03-05");
    assert.equal(row.calls, 20);
    assert.equal(row.input, 200);
  });
}
