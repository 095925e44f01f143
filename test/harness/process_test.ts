import assert from "node:assert/strict";
import { spawnServer, startOnFreePort } from "./process.ts";

// `deno` itself is the one binary every machine running these tests has.
const deno = Deno.execPath();

Deno.test("startOnFreePort answers once the server is ready and stop() removes its folder", async () => {
  const server = await startOnFreePort({
    name: "echo",
    spawn: (port) =>
      spawnServer(deno, {
        args: [
          "eval",
          `Deno.serve({ port: ${port}, hostname: "127.0.0.1" }, () => new Response("up"))`,
        ],
      }),
    ready: async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(await res.text(), "up");
    },
  });
  assert.ok(Deno.statSync(server.dir).isDirectory);
  await server.stop();
  assert.throws(() => Deno.statSync(server.dir), Deno.errors.NotFound);
});

Deno.test("startOnFreePort fails with the server's name and output after three tries", async () => {
  let tries = 0;
  let dir = "";
  await assert.rejects(
    startOnFreePort({
      name: "broken",
      spawn: (_port, d) => {
        tries++;
        dir = d;
        return spawnServer(deno, { args: ["eval", "console.log('cannot bind'); Deno.exit(3)"] });
      },
      ready: () => Promise.resolve(),
      waitMs: 3_000,
    }),
    (err: Error) => {
      assert.match(err.message, /^broken failed: /);
      assert.match(err.message, /cannot bind/);
      return true;
    },
  );
  assert.equal(tries, 3);
  assert.throws(() => Deno.statSync(dir), Deno.errors.NotFound, "the temp folder is removed");
});
