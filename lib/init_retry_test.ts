import assert from "node:assert/strict";
import { UnavailableError } from "./errors.ts";
import { initWithRetry } from "./init_retry.ts";
import { createLogger } from "./log.ts";

const unavailable = () =>
  new UnavailableError("store unreachable", {
    cause: Object.assign(new Error("server selection timed out"), {
      name: "MongoServerSelectionError",
    }),
  });

Deno.test("an adapter that is down at start is retried in the background until it is up", async () => {
  const lines: string[] = [];
  let calls = 0;
  const init = () => ++calls < 3 ? Promise.reject(unavailable()) : Promise.resolve();
  const { ready } = await initWithRetry("store", init, createLogger("info", (l) => lines.push(l)), {
    delayMs: 5,
    keepAlive: true,
  });
  assert.equal(calls, 1, "start-up does not wait for the adapter");
  await ready;
  assert.equal(calls, 3);
  assert.ok(lines.some((l) => l.includes("adapter_unavailable_at_start")));
  assert.ok(lines.some((l) => l.includes("adapter_ready")));
});

Deno.test("any other init failure is thrown (a real error, not an outage)", async () => {
  await assert.rejects(
    initWithRetry(
      "store",
      () => Promise.reject(new Error("disk is read-only")),
      createLogger("error", () => {}),
    ),
    /read-only/,
  );
});

Deno.test("an adapter that is up initialises once and is ready at once", async () => {
  let calls = 0;
  const { ready } = await initWithRetry("blobs", () => {
    calls++;
    return Promise.resolve();
  }, createLogger("error", () => {}));
  await ready;
  assert.equal(calls, 1);
});
