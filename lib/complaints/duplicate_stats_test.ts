import assert from "node:assert/strict";
import { duplicateStats } from "./duplicate_stats.ts";
import { withTempStore } from "../../test/support/store.ts";
import { parseConfig } from "../config.ts";
import { makeComplaint } from "../../test/support/complaints.ts";

Deno.test("duplicate stats count duplicates, their rate, top repeaters and the settings", async () => {
  await withTempStore(async (store) => {
    const config = parseConfig({ DUPLICATE_THRESHOLD: "0.6" });
    const empty = await duplicateStats({ store, config });
    assert.equal(empty.duplicate_rate, 0);
    const customer = (email: string) => ({ email, name: "" });
    await store.createComplaint(makeComplaint({ customer: customer("a@x.test") }));
    await store.createComplaint(
      makeComplaint({ customer: customer("a@x.test"), status: "duplicate" }),
    );
    await store.createComplaint(
      makeComplaint({ customer: customer("a@x.test"), status: "duplicate" }),
    );
    await store.createComplaint(
      makeComplaint({ customer: customer("b@x.test"), status: "duplicate" }),
    );
    const stats = await duplicateStats({ store, config });
    assert.equal(stats.duplicates, 3);
    assert.equal(stats.total, 4);
    assert.equal(stats.duplicate_rate, 0.75);
    assert.deepEqual(stats.top_duplicate_customers[0], { email: "a@x.test", count: 2 });
    assert.equal(stats.settings.threshold, 0.6);
    assert.equal(stats.settings.window_days, 7);
  });
});
