import assert from "node:assert/strict";
import { outageSkip, runOutage } from "./outage_fixture.ts";

Deno.test({
  name:
    "claude down for 30 s in a burst: answers are 2xx or 503 + Retry-After, nothing acknowledged is lost, all completes after recovery",
  ignore: outageSkip,
  fn: async () => {
    const run = await runOutage("claude");
    assert.equal(run.refused, 0, "a Claude outage refuses no mail");
    assert.ok(
      run.complaints.some((c) => c.analysis?.fallback),
      "the outage was seen: some complaints were analysed locally",
    );
  },
});
