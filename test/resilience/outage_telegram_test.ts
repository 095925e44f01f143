import assert from "node:assert/strict";
import { outageSkip, runOutage } from "./outage_fixture.ts";

Deno.test({
  name:
    "telegram down for 30 s in a burst: answers are 2xx or 503 + Retry-After, nothing acknowledged is lost, all completes after recovery",
  ignore: outageSkip,
  fn: async () => {
    const run = await runOutage("telegram");
    assert.equal(run.refused, 0, "a Telegram outage refuses no mail");
    assert.ok(
      run.complaints.some((c) => (c.alerts ?? []).some((a) => a.kind === "new" && a.attempts > 1)),
      "the outage was seen: some alerts were sent on a later attempt",
    );
  },
});
