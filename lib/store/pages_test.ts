import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { LIST_PAGE, listAll, pagesOf } from "./pages.ts";

const at = (i: number) => new Date(Date.UTC(2026, 8, 1) + i * 1000).toISOString();

Deno.test("listAll reads every match across pages, newest first, and nothing else", async () => {
  await withTempStore(async (store) => {
    const n = LIST_PAGE * 2 + 7;
    for (let i = 0; i < n; i++) {
      await store.createComplaint(makeComplaint({ receivedAt: at(i), category: "delivery" }));
    }
    await store.createComplaint(makeComplaint({ receivedAt: at(n), category: "billing" }));
    const all = await listAll(store, { category: "delivery" });
    assert.equal(all.length, n);
    assert.equal(new Set(all.map((c) => c.id)).size, n);
    assert.equal(all[0].receivedAt, at(n - 1));
    assert.equal(all.at(-1)!.receivedAt, at(0));
  });
});

Deno.test("pagesOf stops at maxPages and after a short page (no empty page read)", async () => {
  await withTempStore(async (store) => {
    for (let i = 0; i < LIST_PAGE + 1; i++) {
      await store.createComplaint(makeComplaint({ receivedAt: at(i) }));
    }
    const sizes = [];
    for await (const page of pagesOf(store, {})) sizes.push(page.items.length);
    assert.deepEqual(sizes, [LIST_PAGE, 1]);
    const capped = await listAll(store, {}, 1);
    assert.equal(capped.length, LIST_PAGE);
  });
});

Deno.test("pagesOf over an exact number of pages stops at the last one (no empty page read)", async () => {
  await withTempStore(async (store) => {
    for (let i = 0; i < LIST_PAGE; i++) {
      await store.createComplaint(makeComplaint({ receivedAt: at(i) }));
    }
    const sizes = [];
    for await (const page of pagesOf(store, {})) sizes.push(page.items.length);
    assert.deepEqual(sizes, [LIST_PAGE]);
  });
});
