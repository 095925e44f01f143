import assert from "node:assert/strict";
import { Redis } from "@upstash/redis";
import { startRedis } from "./redis.ts";
import { findBinary, skipUnless } from "./require.ts";
import { startUpstashShim, type UpstashShim } from "./upstash_shim.ts";

const ignore = skipUnless("redis-server", !!findBinary("redis-server"));

async function withShim(fn: (shim: UpstashShim) => Promise<void>): Promise<void> {
  const redis = await startRedis();
  try {
    const shim = await startUpstashShim(redis.port, "test-token");
    try {
      await fn(shim);
    } finally {
      await shim.stop();
    }
  } finally {
    await redis.stop();
  }
}

Deno.test({
  name: "upstash shim: @upstash/redis set/get round-trips values and honours TTL",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      const client = new Redis({ url: shim.url, token: shim.token });
      assert.equal(await client.set("k", { text: "héllo ✓", n: 1 }, { ex: 60 }), "OK");
      assert.deepEqual(await client.get("k"), { text: "héllo ✓", n: 1 });
      const ttl = await client.ttl("k");
      assert.ok(ttl > 0 && ttl <= 60, `ttl ${ttl}`);
      await client.set("short", "v", { px: 150 });
      assert.equal(await client.get("short"), "v");
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await client.get("short"), null);
    }),
});

Deno.test({
  name: "upstash shim: pipeline and multi-exec return one result per command",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      const client = new Redis({ url: shim.url, token: shim.token });
      const p = client.pipeline();
      p.set("a", "1");
      p.incr("a");
      p.rpush("list", "x", "y");
      p.lrange("list", 0, -1);
      assert.deepEqual(await p.exec(), ["OK", 2, 2, ["x", "y"]]);
      const tx = client.multi();
      tx.incr("a");
      tx.get("a");
      assert.deepEqual(await tx.exec(), [3, 3]);
      const failing = client.pipeline();
      failing.set("s", "text");
      failing.incr("s");
      const kept = await failing.exec({ keepErrors: true });
      assert.equal(kept[0].result, "OK");
      assert.match(String(kept[1].error), /not an integer/);
    }),
});

Deno.test({
  name: "upstash shim: base64 encoding only when asked, and errors answer 400",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      const auth = { authorization: `Bearer ${shim.token}` };
      const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
        const res = await fetch(`${shim.url}${path}`, {
          method: "POST",
          headers: { ...auth, ...extra },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      };
      assert.deepEqual(await post("/", ["SET", "b", "héllo"]), {
        status: 200,
        body: { result: "OK" },
      });
      assert.deepEqual(await post("/", ["GET", "b"]), { status: 200, body: { result: "héllo" } });
      const encoded = btoa(String.fromCharCode(...new TextEncoder().encode("héllo")));
      assert.deepEqual(await post("/", ["GET", "b"], { "Upstash-Encoding": "base64" }), {
        status: 200,
        body: { result: encoded },
      });
      assert.deepEqual(
        await post("/pipeline", [["GET", "b"], ["MGET", "b", "none"]], {
          "Upstash-Encoding": "base64",
        }),
        { status: 200, body: [{ result: encoded }, { result: [encoded, null] }] },
      );
      const bad = await post("/", ["INCR", "b"]);
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /not an integer/);
      // The client's default (base64) path decodes the same value back.
      const client = new Redis({
        url: shim.url,
        token: shim.token,
        automaticDeserialization: false,
      });
      assert.equal(await client.get("b"), "héllo");
      await assert.rejects(client.incr("b"), /not an integer/);
    }),
});

Deno.test({
  name: "upstash shim: a wrong token is refused with 401",
  ignore,
  fn: () =>
    withShim(async (shim) => {
      const res = await fetch(shim.url, {
        method: "POST",
        headers: { authorization: "Bearer wrong" },
        body: JSON.stringify(["PING"]),
      });
      assert.equal(res.status, 401);
      await res.body?.cancel();
      const client = new Redis({ url: shim.url, token: "wrong" });
      await assert.rejects(client.get("k"), /Unauthorized/);
    }),
});
