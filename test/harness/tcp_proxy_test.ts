import assert from "node:assert/strict";
import { startTcpProxy } from "./tcp_proxy.ts";

Deno.test("the proxy forwards, drops everything while cut, and forwards again when restored", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("pong"),
  );
  const proxy = startTcpProxy(server.addr.port);
  const get = async () => {
    const client = Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
    try {
      return await (await fetch(`http://127.0.0.1:${proxy.port}/`, { client })).text();
    } finally {
      client.close();
    }
  };
  try {
    assert.equal(await get(), "pong");
    proxy.cut();
    assert.equal(proxy.up, false);
    await assert.rejects(get());
    proxy.restore();
    assert.equal(await get(), "pong");
  } finally {
    await proxy.stop();
    await server.shutdown();
  }
});
