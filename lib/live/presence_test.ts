import assert from "node:assert/strict";
import { MemoryCache } from "../cache/memory.ts";
import { beat, PRESENCE_TTL_SECONDS } from "./presence.ts";

Deno.test("a heartbeat answers the others present; one gone quiet past the TTL drops out", async () => {
  let t = Date.parse("2026-05-01T10:00:00Z");
  const ctx = { cache: new MemoryCache(), now: () => new Date(t) };
  const bea = { email: "bea@x", name: "Bea" }, tom = { email: "tom@x", name: "Tom" };
  assert.deepEqual(await beat(ctx, "c1", bea, "viewing"), []);
  assert.deepEqual((await beat(ctx, "c1", tom, "replying")).map((p) => p.name), ["Bea"]);
  assert.deepEqual(await beat(ctx, "c2", tom, "viewing"), [], "per complaint");
  t += (PRESENCE_TTL_SECONDS + 1) * 1000;
  assert.deepEqual(await beat(ctx, "c1", tom, "viewing"), [], "Bea stopped beating");
});
