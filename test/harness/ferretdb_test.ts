import assert from "node:assert/strict";
import { MongoClient, MongoServerError } from "mongodb";
import { startFerret } from "./ferretdb.ts";
import { findBinary, skipUnless } from "./require.ts";

Deno.test({
  name: "startFerret serves the mongodb driver: insert/find and a unique index refusing duplicates",
  ignore: skipUnless("ferretdb", !!findBinary("ferretdb")),
  fn: async () => {
    const ferret = await startFerret();
    const client = new MongoClient(ferret.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      await client.connect();
      const items = client.db("harness").collection<{ key: string; n: number }>("items");
      await items.createIndex({ key: 1 }, { unique: true });
      await items.insertMany([{ key: "a", n: 1 }, { key: "b", n: 2 }]);
      const found = await items.find({ n: { $gte: 2 } }, { projection: { _id: 0 } }).toArray();
      assert.deepEqual(found, [{ key: "b", n: 2 }]);
      const duplicate = await items.insertOne({ key: "a", n: 3 }).then(() => null, (e) => e);
      assert.ok(duplicate instanceof MongoServerError, `expected a server error, got ${duplicate}`);
      assert.equal(duplicate.code, 11000);
      assert.equal(await items.countDocuments(), 2);
    } finally {
      await client.close();
      await ferret.stop();
    }
  },
});
