import assert from "node:assert/strict";
import { SqliteStore } from "./sqlite.ts";
import { runStoreContract } from "../../test/contracts/store_contract.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { listQuerySchema } from "../schema/complaint.ts";

Deno.test("sqlite store satisfies the complaint store contract", async (t) => {
  const dirs = new Map<SqliteStore, string>();
  await runStoreContract(t, {
    async open() {
      const dir = await Deno.makeTempDir();
      const store = new SqliteStore(`${dir}/c.db`);
      await store.init();
      dirs.set(store, dir);
      return store;
    },
    async dispose(store) {
      await store.close();
      await Deno.remove(dirs.get(store as SqliteStore)!, { recursive: true });
    },
  });
});

Deno.test("sqlite store with background checkpoints satisfies the contract", async (t) => {
  const dirs = new Map<SqliteStore, string>();
  await runStoreContract(t, {
    async open() {
      const dir = await Deno.makeTempDir();
      const store = new SqliteStore(`${dir}/c.db`, { backgroundCheckpoints: true });
      await store.init();
      if (!store.checkpointsInBackground) throw new Error("checkpoint worker did not start");
      dirs.set(store, dir);
      return store;
    },
    async dispose(store) {
      await store.close();
      await Deno.remove(dirs.get(store as SqliteStore)!, { recursive: true });
    },
  });
});

Deno.test("sqlite store keeps data across reopen", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const c = makeComplaint();
    const a = new SqliteStore(`${dir}/c.db`);
    await a.init();
    await a.createComplaint(c);
    await a.close();
    const b = new SqliteStore(`${dir}/c.db`);
    await b.init();
    const read = await b.getComplaint(c.id);
    await b.close();
    if (read?.id !== c.id) throw new Error("complaint lost after reopen");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an older database is re-indexed from its documents on open", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const c = makeComplaint({
      subject: "Toaster sparks",
      entities: { orderNumbers: ["ZE-7"], amounts: [], dates: [], products: [], phones: [] },
    });
    const a = new SqliteStore(`${dir}/c.db`);
    await a.init();
    await a.createComplaint(c);
    a.db.exec("DELETE FROM complaints_fts; DELETE FROM complaint_orders; PRAGMA user_version = 0;");
    await a.close();
    const b = new SqliteStore(`${dir}/c.db`);
    await b.init();
    const found = await b.listComplaints(listQuerySchema.parse({ q: "toaster" }));
    const byOrder = await b.duplicateCandidates({
      customerEmail: "nobody@x.test",
      orderNumbers: ["ZE-7"],
      since: "2000-01-01T00:00:00.000Z",
      limit: 5,
    });
    await b.close();
    if (found.total !== 1 || byOrder.length !== 1) throw new Error("derived tables not rebuilt");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "the database and its -wal/-shm files are readable by the owner only (0600)",
  ignore: Deno.build.os === "windows",
  async fn() {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/complaints.db`;
    const modes = () =>
      ["", "-wal", "-shm"].map((suffix) => (Deno.statSync(path + suffix).mode ?? 0) & 0o777);
    try {
      const fresh = new SqliteStore(path);
      await fresh.init();
      await fresh.createComplaint(makeComplaint());
      if (modes().some((m) => m !== 0o600)) {
        throw new Error(`modes ${modes().map((m) => m.toString(8))}`);
      }
      await fresh.close();
      // A database left 0644 by an older version is tightened on the next open.
      Deno.writeFileSync(`${path}-wal`, new Uint8Array(0), { append: true });
      for (const suffix of ["", "-wal"]) Deno.chmodSync(path + suffix, 0o644);
      const reopened = new SqliteStore(path);
      await reopened.init();
      await reopened.createComplaint(makeComplaint());
      if (modes().some((m) => m !== 0o600)) {
        throw new Error(`modes ${modes().map((m) => m.toString(8))}`);
      }
      await reopened.close();
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("a database from before the view columns gets them, their indexes and the counts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const billing = makeComplaint({ team: "billing", slaDueAt: "2026-09-02T00:00:00.000Z" });
    const closed = makeComplaint({ team: "billing", status: "closed" });
    const other = makeComplaint({ team: "quality" });
    const a = new SqliteStore(`${dir}/c.db`);
    await a.init();
    for (const c of [billing, closed, other]) await a.createComplaint(c);
    // As version 2 left it: no team or sort-key columns, no counts.
    a.db.exec(`DROP INDEX complaints_sla; DROP INDEX complaints_status_category_sla;
      DROP INDEX complaints_team; ALTER TABLE complaints DROP COLUMN team;
      ALTER TABLE complaints DROP COLUMN sla_key; ALTER TABLE complaints DROP COLUMN prio_key;
      DROP TABLE complaint_counts; PRAGMA user_version = 2;`);
    await a.close();
    const b = new SqliteStore(`${dir}/c.db`);
    await b.init();
    const list = await b.listComplaints(listQuerySchema.parse({ team: "billing", sort: "sla" }));
    const stats = await b.stats();
    const version = b.db.prepare("PRAGMA user_version").get() as { user_version: number };
    await b.close();
    if (list.items.map((c) => c.id).join() !== [billing.id, closed.id].join()) {
      throw new Error(`team list ${list.items.map((c) => c.id)}`);
    }
    if (stats.total !== 3 || stats.byStatus.closed !== 1) throw new Error("counts not rebuilt");
    if (Number(version.user_version) < 3) throw new Error(`version ${version.user_version}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a database from before the incident column finds members by the documents' incident ids, and reads old incidents' member lists as counts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const members = [
      makeComplaint({ incidentId: "inc-old" }),
      makeComplaint({ incidentId: "inc-old" }),
    ];
    const a = new SqliteStore(`${dir}/c.db`);
    await a.init();
    for (const c of [...members, makeComplaint()]) await a.createComplaint(c);
    // As version 3 left it: no incident column; incidents kept their members in the document.
    a.db.exec(`DROP INDEX complaints_incident; DROP INDEX complaints_incident_customer;
      ALTER TABLE complaints DROP COLUMN incident_id;
      PRAGMA user_version = 3;`);
    a.db.prepare(
      "INSERT INTO incidents (id, status, category, last_at, doc) VALUES (?, 'open', 'technical', ?, ?)",
    ).run(
      "inc-old",
      "2026-09-01T10:00:00.000Z",
      JSON.stringify({
        id: "inc-old",
        title: "old",
        category: "technical",
        keywords: [],
        products: [],
        subcategories: [],
        status: "open",
        memberIds: members.map((m) => m.id),
        customers: ["a@example.test"],
        firstAt: "2026-09-01T10:00:00.000Z",
        lastAt: "2026-09-01T10:00:00.000Z",
        createdAt: "2026-09-01T10:00:00.000Z",
        updatedAt: "2026-09-01T10:00:00.000Z",
      }),
    );
    await a.close();
    const b = new SqliteStore(`${dir}/c.db`);
    await b.init();
    const list = await b.listComplaints(listQuerySchema.parse({ incidentId: "inc-old" }));
    const incident = await b.getIncident("inc-old");
    await b.close();
    assert.deepEqual(list.items.map((c) => c.id).sort(), members.map((m) => m.id).sort());
    assert.equal(incident?.memberCount, 2);
    assert.equal(incident?.customerCount, 1);
    assert.ok(!("memberIds" in incident!), "the lists are not carried on");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
