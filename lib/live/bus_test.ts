import assert from "node:assert/strict";
import { type ComplaintEvent, EventBus } from "./bus.ts";
import { observedStore } from "./observed_store.ts";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";

Deno.test("every complaint write is announced after it succeeded, with an assignment's previous assignee", () =>
  withTempStore(async (raw) => {
    const bus = new EventBus();
    const seen: ComplaintEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    bus.subscribe(() => {
      throw new Error("a broken listener does not stop the others");
    });
    const store = observedStore(raw, bus);
    const c = makeComplaint({ subject: "Kettle" });
    await store.createComplaint(c);
    await store.createComplaint(c); // the same id again: not created, not announced
    await store.updateComplaint(c.id, { assignee: "bea@x.test" }, [{
      at: "2026-01-01T00:00:00Z",
      actor: "ann@x.test",
      action: "assigned",
      details: {},
    }]);
    await store.updateComplaint(c.id, { status: "in_progress" }, []);
    assert.equal(await store.updateComplaint("missing", { status: "closed" }, []), null);
    assert.deepEqual(seen.map((e) => [e.change, e.id, e.assignee, e.previousAssignee, e.action]), [
      ["created", c.id, null, undefined, "created"],
      ["updated", c.id, "bea@x.test", null, "assigned"],
      ["updated", c.id, "bea@x.test", undefined, "assigned"],
    ]);
    assert.equal(seen[0].subject, "Kettle");
  }));

Deno.test("closing the bus tells streams once, and later ones at once", () => {
  const bus = new EventBus();
  let n = 0;
  bus.onClose(() => n++);
  bus.close();
  bus.close();
  assert.equal(n, 1);
  bus.onClose(() => n++);
  assert.equal(n, 2);
  assert.equal(bus.closed, true);
});
