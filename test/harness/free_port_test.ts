import assert from "node:assert/strict";
import { freePort, waitForPort } from "./free_port.ts";

Deno.test("freePort returns a port that can be bound on 127.0.0.1", () => {
  const port = freePort();
  assert.ok(port > 0 && port < 65536);
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  listener.close();
});

Deno.test("waitForPort resolves for a listening port and rejects for a closed one", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  try {
    await waitForPort(port, 1000);
  } finally {
    listener.close();
  }
  await assert.rejects(waitForPort(freePort(), 200), /not ready/);
});
