import assert from "node:assert/strict";
import { Hono } from "hono";
import { MongoStore } from "./mongo.ts";
import { SqliteStore } from "./sqlite.ts";
import { runStoreContract } from "../../test/contracts/store_contract.ts";
import { type FerretServer, startFerret } from "../../test/harness/ferretdb.ts";
import { findBinary, skipUnless } from "../../test/harness/require.ts";
import { freePort } from "../../test/harness/free_port.ts";
import { makeClaim, makeComplaint } from "../../test/support/complaints.ts";
import { UnavailableError } from "../errors.ts";
import { errorHandler } from "../http/error_middleware.ts";
import { createLogger } from "../log.ts";
import { listQuerySchema } from "../schema/complaint.ts";

const ignore = skipUnless("ferretdb", !!findBinary("ferretdb"));

async function withFerret(fn: (ferret: FerretServer) => Promise<void>): Promise<void> {
  const ferret = await startFerret();
  try {
    await fn(ferret);
  } finally {
    await ferret.stop();
  }
}

/** A store on a database of its own, so steps never see each other's documents. */
async function openStore(ferret: FerretServer): Promise<MongoStore> {
  const store = new MongoStore(ferret.uri, `t_${crypto.randomUUID().replaceAll("-", "")}`);
  await store.init();
  return store;
}

Deno.test({
  name: "mongodb store (FerretDB) satisfies the complaint store contract",
  ignore,
  fn: (t) =>
    withFerret((ferret) =>
      runStoreContract(t, {
        open: () => openStore(ferret),
        dispose: (store) => store.close(),
      })
    ),
});

Deno.test({
  name: "mongodb store finds exactly what the sqlite store finds for the same searches",
  ignore,
  fn: () =>
    withFerret(async (ferret) => {
      const dir = await Deno.makeTempDir();
      const sqlite = new SqliteStore(`${dir}/c.db`);
      const mongo = await openStore(ferret);
      try {
        await sqlite.init();
        const texts = [
          ["Café au lait spilled", "naïve_test order ZE-2026-031842"],
          ["Йогурт испорчен", "Ёлка пришла сломанной, заказ 55-10"],
          ["Refund", "ze 2026 is not my order; 031842 was"],
          ["Доставка", "ZE-2026-031843 не пришёл"],
          ["Total 4500", "a1b2 c3"],
        ];
        for (const [subject, description] of texts) {
          const c = makeComplaint({ subject, description });
          await sqlite.createComplaint(c);
          await mongo.createComplaint(c);
        }
        const queries = [
          "cafe",
          "café",
          "naive test",
          "ze-2026-031842",
          "ZE-2026-03184",
          "2026 031842",
          "иогурт",
          "йогу",
          "елка",
          "ёлка",
          "55-10",
          "refund ze",
          "испорчен доставка",
          "a1",
          "b2",
          "total 4500",
          "customer",
          "example.test",
          "lait spilled naive",
          "spilled naive",
        ];
        for (const text of queries) {
          const query = listQuerySchema.parse({ q: text, limit: 100 });
          const ids = async (s: SqliteStore | MongoStore) =>
            (await s.listComplaints(query)).items.map((c) => c.id).sort();
          assert.deepEqual(await ids(mongo), await ids(sqlite), `query ${JSON.stringify(text)}`);
        }
      } finally {
        await mongo.close();
        await sqlite.close();
        await Deno.remove(dir, { recursive: true });
      }
    }),
});

Deno.test({
  name: "mongodb store keeps free-form history details and re-runs init without error",
  ignore,
  fn: () =>
    withFerret(async (ferret) => {
      const store = await openStore(ferret);
      try {
        await store.init();
        const c = makeComplaint();
        await store.createComplaint(c);
        const entry = {
          at: "2026-09-05T00:00:00.000Z",
          actor: "ann",
          action: "note",
          details: { "$where": "x", "a.b": [1, { c: null }] },
        };
        const updated = await store.updateComplaint(c.id, { subject: "Changed kettle" }, [entry]);
        assert.deepEqual(updated?.history.at(-1), entry);
        assert.deepEqual(await store.getComplaint(c.id), updated);
        const found = await store.listComplaints(listQuerySchema.parse({ q: "kettle" }));
        assert.deepEqual(found.items.map((x) => x.id), [c.id], "search follows the new subject");
      } finally {
        await store.close();
      }
    }),
});

Deno.test("mongodb store pointed at a dead port fails with an error the API maps to 503", async () => {
  const store = new MongoStore(`mongodb://127.0.0.1:${freePort()}/`, "dead", {
    serverSelectionTimeoutMS: 300,
  });
  const app = new Hono();
  app.onError(errorHandler(createLogger("error", () => {})));
  app.get("/c/:id", async (c) => c.json(await store.getComplaint(c.req.param("id"))));
  app.post("/c", async (c) => c.json(await store.createComplaint(makeComplaint())));
  try {
    for (
      const req of [new Request("http://x/c/abc"), new Request("http://x/c", { method: "POST" })]
    ) {
      const res = await app.request(req);
      assert.equal(res.status, 503);
      assert.equal((await res.json()).error.code, "unavailable");
      assert.equal(res.headers.get("retry-after"), "5");
    }
  } finally {
    await store.close();
  }
});

Deno.test("mongodb store at a closed port rejects with UnavailableError, the driver's error as cause", async () => {
  const store = new MongoStore(`mongodb://127.0.0.1:${freePort()}/`, "closed", {
    serverSelectionTimeoutMS: 200,
  });
  const calls: [string, () => Promise<unknown>][] = [
    ["init", () => store.init()],
    ["getComplaint", () => store.getComplaint("x")],
    ["createComplaint", () => store.createComplaint(makeComplaint())],
    ["updateComplaint", () => store.updateComplaint("x", { status: "closed" }, [])],
    ["saveComplaint", () => store.saveComplaint(makeComplaint())],
    ["listComplaints", () => store.listComplaints(listQuerySchema.parse({}))],
    ["stats", () => store.stats()],
    ["claimEmail", () => store.claimEmail(makeClaim())],
    ["getSession", () => store.getSession("s")],
    ["tryLease", () => store.tryLease("k", "o", 1000)],
    ["withLock", () => store.withLock("k", () => Promise.resolve(1))],
  ];
  try {
    for (const [name, call] of calls) {
      const started = performance.now();
      const err = await call().then(() => null, (e: unknown) => e);
      const ms = performance.now() - started;
      assert.ok(err instanceof UnavailableError, `${name}: ${err}`);
      assert.equal(err.code, "unavailable");
      assert.equal((err.cause as Error)?.name, "MongoServerSelectionError", name);
      assert.ok(ms < 2_000, `${name} took ${ms} ms for a 200 ms selection timeout`);
    }
  } finally {
    await store.close();
  }
});

Deno.test({
  name: "mongodb store: waiting longer than lockWaitMS for a lock is UnavailableError",
  ignore,
  fn: () =>
    withFerret(async (ferret) => {
      const dbName = `t_${crypto.randomUUID().replaceAll("-", "")}`;
      const store = new MongoStore(ferret.uri, dbName, { lockWaitMS: 100 });
      try {
        await store.init();
        // Another caller holds the lock (as a slow or stuck instance would) past lockWaitMS.
        let entered = () => {};
        let release = () => {};
        const inside = new Promise<void>((r) => entered = r);
        const held = new Promise<void>((r) => release = r);
        const blocking = store.withLock("slow", () => (entered(), held));
        await inside;
        const err = await store.withLock("slow", () => Promise.resolve()).then(
          () => null,
          (e: unknown) => e,
        );
        release();
        await blocking;
        assert.ok(err instanceof UnavailableError, String(err));
        assert.match(err.message, /timed out waiting for app:slow/);
      } finally {
        await store.close();
      }
    }),
});

Deno.test({
  name: "mongodb store recovers once a server that was down at first use comes up",
  ignore,
  fn: () =>
    withFerret(async (ferret) => {
      const port = freePort();
      const store = new MongoStore(`mongodb://127.0.0.1:${port}/`, "late", {
        serverSelectionTimeoutMS: 300,
      });
      const proxy = { listener: null as Deno.Listener | null, conns: [] as Deno.Conn[] };
      try {
        const down = await store.getComplaint("x").then(() => null, (e: Error) => e);
        assert.ok(down instanceof UnavailableError, String(down));
        assert.equal((down.cause as Error).name, "MongoServerSelectionError");
        // The "server" comes up: a TCP forwarder on the port the store was given.
        proxy.listener = Deno.listen({ hostname: "127.0.0.1", port });
        (async () => {
          for await (const inbound of proxy.listener!) {
            const outbound = await Deno.connect({ hostname: "127.0.0.1", port: ferret.port });
            proxy.conns.push(inbound, outbound);
            inbound.readable.pipeTo(outbound.writable).catch(() => {});
            outbound.readable.pipeTo(inbound.writable).catch(() => {});
          }
        })().catch(() => {});
        await store.init();
        const c = makeComplaint();
        assert.equal((await store.createComplaint(c)).created, true);
        assert.deepEqual(await store.getComplaint(c.id), c);
      } finally {
        await store.close();
        proxy.listener?.close();
        for (const conn of proxy.conns) {
          try {
            conn.close();
          } catch {
            // already closed by the other side
          }
        }
      }
    }),
});
