import assert from "node:assert/strict";
import { layoutBars } from "./bar_chart.ts";

Deno.test("layoutBars fills missing days and scales the tallest bar to the height", () => {
  const layout = layoutBars(
    [{ day: "2026-03-01", count: 2 }, { day: "2026-03-03", count: 4 }],
    { width: 300, height: 102, days: 3 },
  );
  assert.deepEqual(layout.bars.map((b) => [b.day, b.count]), [
    ["2026-03-01", 2],
    ["2026-03-02", 0],
    ["2026-03-03", 4],
  ]);
  const [a, gap, top] = layout.bars;
  assert.equal(top.height, 100);
  assert.equal(top.y, 2);
  assert.equal(a.height, 50);
  assert.equal(gap.height, 0);
  assert.equal(gap.x, 100);
  assert.equal(layout.max, 4);
});

Deno.test("layoutBars ends the window at the latest day and crosses month ends", () => {
  const layout = layoutBars([{ day: "2026-03-01", count: 1 }], { days: 2 });
  assert.deepEqual(layout.bars.map((b) => b.day), ["2026-02-28", "2026-03-01"]);
  assert.deepEqual(layoutBars([]).bars, []);
});
