import assert from "node:assert/strict";
import type { ContractStep } from "./agent_contract.ts";
import type { SavedReply } from "../../lib/schema/saved_reply.ts";

function makeReply(overrides: Partial<SavedReply> = {}): SavedReply {
  return {
    id: crypto.randomUUID(),
    title: "Parcel late",
    body: "Hello {{customer.name}}, your parcel {{order}} is on its way. {{agent.name}}",
    team: "",
    category: "delivery",
    language: "en",
    createdBy: "bea@example.com",
    createdAt: "2026-05-01T10:00:00.000Z",
    updatedAt: "2026-05-01T10:00:00.000Z",
    ...overrides,
  };
}

/** Saved replies' contract, for every store adapter. */
export async function runSavedReplyContract(step: ContractStep): Promise<void> {
  await step("saved replies round-trip, list by title, change whole and delete", async (s) => {
    const b = makeReply({ title: "B: refund sent", team: "billing", category: undefined });
    delete b.category;
    const a = makeReply({ title: "A: parcel late" });
    await s.createSavedReply(b);
    await s.createSavedReply(a);
    assert.deepEqual(await s.getSavedReply(b.id), b);
    assert.deepEqual((await s.listSavedReplies()).map((r) => r.id), [a.id, b.id]);
    const changed = { ...a, title: "C: parcel late", body: "New text", updatedAt: "2026-05-02" };
    assert.equal(await s.saveSavedReply(changed), true);
    assert.deepEqual(await s.getSavedReply(a.id), changed);
    assert.deepEqual((await s.listSavedReplies()).map((r) => r.id), [b.id, a.id]);
    assert.equal(await s.saveSavedReply(makeReply({ id: "missing" })), false);
    assert.equal(await s.deleteSavedReply(b.id), true);
    assert.equal(await s.deleteSavedReply(b.id), false);
    assert.equal(await s.getSavedReply(b.id), null);
  });
}
