import assert from "node:assert/strict";
import { startRedis } from "./redis.ts";
import { RespConnection, RespError } from "./resp.ts";
import { findBinary, skipUnless } from "./require.ts";

const ignore = skipUnless("redis-server", !!findBinary("redis-server"));

Deno.test({
  name: "startRedis serves SET/GET over RESP and stops cleanly",
  ignore,
  fn: async () => {
    const redis = await startRedis();
    try {
      const conn = await RespConnection.open(redis.port);
      try {
        const [set, get, missing, bad] = await conn.send([
          ["SET", "greeting", "héllo"],
          ["GET", "greeting"],
          ["GET", "nope"],
          ["INCR", "greeting"],
        ]);
        assert.equal(set, "OK");
        assert.equal(new TextDecoder().decode(get as Uint8Array), "héllo");
        assert.equal(missing, null);
        assert.ok(bad instanceof RespError);
      } finally {
        conn.close();
      }
    } finally {
      await redis.stop();
    }
    await assert.rejects(Deno.connect({ hostname: "127.0.0.1", port: redis.port }));
  },
});
