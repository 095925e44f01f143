import assert from "node:assert/strict";
import { outageSkip, runOutage } from "./outage_fixture.ts";

Deno.test({
  name:
    "s3 down for 30 s in a burst: answers are 2xx or 503 + Retry-After, nothing acknowledged is lost, all completes after recovery",
  ignore: outageSkip,
  fn: async () => {
    const run = await runOutage("s3");
    assert.ok(run.refused > 0, "the outage was seen: some posts got 503");
  },
});
