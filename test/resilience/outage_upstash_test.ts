import assert from "node:assert/strict";
import { outageSkip, runOutage } from "./outage_fixture.ts";

Deno.test({
  name:
    "upstash down for 30 s in a burst: answers are 2xx or 503 + Retry-After, nothing acknowledged is lost, all completes after recovery",
  ignore: outageSkip,
  fn: async () => {
    const run = await runOutage("upstash");
    assert.equal(run.refused, 0, "a cache outage refuses no mail");
    assert.ok(
      run.events.some((e) => /cache|rate_limit/.test(e)),
      `the outage was seen: ${[...new Set(run.events)]}`,
    );
  },
});
