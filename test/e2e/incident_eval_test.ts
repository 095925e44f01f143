import assert from "node:assert/strict";
import { runIncidentEval } from "../../lib/eval/incidents.ts";
import { incidentBurst } from "../../lib/eval/incident_burst.ts";

// Measured on the generated burst (seed 7): precision 0.92, recall 0.93. The misses are the
// local analyzer's: a Kazakh report it reads under another subcategory, and a shipping invoice it
// files under delivery.
Deno.test("incident grouping on generated bursts (en/ru/kk, unrelated mail mixed in): precision ≥ 0.85 and recall ≥ 0.85 on each seed", async () => {
  for (const seed of [7, 11]) {
    const result = await runIncidentEval(incidentBurst({ seed }));
    const { precision, recall } = result.score;
    assert.ok(precision >= 0.85, `seed ${seed}: precision ${precision}`);
    assert.ok(recall >= 0.85, `seed ${seed}: recall ${recall}`);
    assert.equal(result.incidents.length, 4, JSON.stringify(result.incidents));
  }
});
