import assert from "node:assert/strict";
import { KeyedMutex } from "./keyed_mutex.ts";

Deno.test("work on one key runs one at a time, in order; other keys are not blocked", async () => {
  const mutex = new KeyedMutex();
  const events: string[] = [];
  const job = (key: string, name: string, ms: number) =>
    mutex.run(key, async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`end ${name}`);
      return name;
    });
  const results = await Promise.all([job("a", "a1", 20), job("a", "a2", 1), job("b", "b1", 1)]);
  assert.deepEqual(results, ["a1", "a2", "b1"]);
  assert.ok(events.indexOf("end a1") < events.indexOf("start a2"));
  assert.ok(events.indexOf("end b1") < events.indexOf("end a1"), "b is not queued behind a");
  assert.equal(mutex.size, 0);
});

Deno.test("a failing task does not block the next one on its key", async () => {
  const mutex = new KeyedMutex();
  await assert.rejects(mutex.run("k", () => Promise.reject(new Error("x"))));
  assert.equal(await mutex.run("k", () => Promise.resolve(1)), 1);
});
