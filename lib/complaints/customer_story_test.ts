import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import type { Complaint } from "../schema/complaint.ts";
import { customerStory, STORY_LIMIT, storyOfComplaint } from "./customer_story.ts";

const entities = (orderNumbers: string[], phones: string[] = []) => ({
  orderNumbers,
  amounts: [],
  dates: [],
  products: [],
  phones,
});
const day = (n: number) => new Date(Date.UTC(2026, 8, n, 10)).toISOString();

Deno.test("the story lists the address's complaints and the same name's with a shared order or phone", async () => {
  await withTempStore(async (store) => {
    const anna = { email: "anna@home.test", name: "Anna Petrova" };
    const resolved = makeComplaint({
      customer: anna,
      status: "resolved",
      entities: entities(["ZE-100"]),
      receivedAt: day(1),
      history: [
        { at: day(2), actor: "b@x.test", action: "status_changed", details: { to: "resolved" } },
      ],
    });
    const open = makeComplaint({ customer: anna, receivedAt: day(5) });
    // The same person from work, about the order of the first complaint.
    const fromWork = makeComplaint({
      customer: { email: "a.petrova@work.test", name: "anna  petrova" },
      entities: entities(["ZE-100"]),
      receivedAt: day(3),
    });
    // Same phone as the current complaint, same name, third address.
    const byPhone = makeComplaint({
      customer: { email: "ap@third.test", name: "Anna Petrova" },
      entities: entities([], ["+77015551842"]),
      receivedAt: day(4),
    });
    // Shares the order but is somebody else: not Anna's story.
    const stranger = makeComplaint({
      customer: { email: "boris@x.test", name: "Boris" },
      entities: entities(["ZE-100"]),
      receivedAt: day(6),
    });
    // Same name, nothing shared: a namesake, not Anna.
    const namesake = makeComplaint({
      customer: { email: "other-anna@x.test", name: "Anna Petrova" },
      entities: entities(["ZE-999"]),
      receivedAt: day(7),
    });
    const current = makeComplaint({
      customer: anna,
      entities: entities([], ["+77015551842"]),
      receivedAt: day(8),
    });
    for (const c of [resolved, open, fromWork, byPhone, stranger, namesake, current]) {
      await store.createComplaint(c);
    }

    const story = await storyOfComplaint({ store }, current);
    assert.deepEqual(
      story.map((e) => [e.id, e.via]),
      [[open.id, "address"], [byPhone.id, "name"], [fromWork.id, "name"], [
        resolved.id,
        "address",
      ]],
    );
    const first = story.find((e) => e.id === resolved.id)!;
    assert.deepEqual(first.outcome, { status: "resolved", at: day(2) });
    assert.equal(story.find((e) => e.id === open.id)!.outcome, null);

    // By address alone (the API): the orders and phones come from Anna's own complaints.
    const byAddress = await customerStory({ store }, "ANNA@home.test");
    assert.deepEqual(byAddress.map((e) => e.id), [
      current.id,
      open.id,
      byPhone.id,
      fromWork.id,
      resolved.id,
    ]);
  });
});

Deno.test("the story keeps only the newest complaints", async () => {
  await withTempStore(async (store) => {
    const many: Complaint[] = [];
    for (let i = 0; i < STORY_LIMIT + 5; i++) {
      many.push(
        makeComplaint({
          customer: { email: "loud@x.test", name: "" },
          receivedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        }),
      );
    }
    for (const c of many) await store.createComplaint(c);
    const story = await customerStory({ store }, "loud@x.test");
    assert.equal(story.length, STORY_LIMIT);
    assert.equal(story[0].id, many.at(-1)!.id);
    assert.equal(story.at(-1)!.id, many[5].id);
  });
});

Deno.test("a customer without complaints has an empty story", async () => {
  await withTempStore(async (store) => {
    await store.createComplaint(makeComplaint());
    assert.deepEqual(await customerStory({ store }, "nobody@x.test"), []);
  });
});
