import assert from "node:assert/strict";
import { ClaudeGate } from "./gate.ts";

Deno.test("no more requests in flight than the gate's concurrency", async () => {
  const gate = new ClaudeGate(3);
  const release: (() => void)[] = [];
  const all = Array.from(
    { length: 10 },
    () => gate.run(() => new Promise<void>((r) => release.push(r))),
  );
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(gate.inFlight, 3);
  while (release.length) {
    release.shift()!();
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(all);
  assert.equal(gate.peak, 3);
  assert.equal(gate.inFlight, 0);
});

Deno.test("a pause seen by one caller holds back every caller until it ends", async () => {
  let now = 1_000;
  const gate = new ClaudeGate(8, () => now);
  const slept: number[] = [];
  const sleep = (ms: number) => {
    slept.push(ms);
    now += ms;
    return Promise.resolve();
  };
  gate.pause(2_000);
  gate.pause(500); // a shorter pause does not cut the longer one
  const started: number[] = [];
  await Promise.all([1, 2].map(() => gate.run(() => Promise.resolve(started.push(now)), sleep)));
  assert.ok(started.every((t) => t >= 3_000), JSON.stringify(started));
  assert.equal(gate.pausedFor, 0);
  assert.ok(slept.length >= 1);
});

Deno.test("rate-limit headers with nothing remaining pause until their reset", () => {
  let now = Date.parse("2026-12-03T10:00:00Z");
  const gate = new ClaudeGate(1, () => now);
  gate.observe(
    new Headers({
      "anthropic-ratelimit-requests-remaining": "12",
      "anthropic-ratelimit-requests-reset": "2026-12-03T10:00:30Z",
    }),
  );
  assert.equal(gate.pausedFor, 0, "budget left: no pause");
  gate.observe(
    new Headers({
      "anthropic-ratelimit-tokens-remaining": "0",
      "anthropic-ratelimit-tokens-reset": "2026-12-03T10:00:20Z",
    }),
  );
  assert.equal(gate.pausedFor, 20_000);
  now += 20_000;
  assert.equal(gate.pausedFor, 0);
});
