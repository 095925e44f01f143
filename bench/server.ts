/** The product on embedded defaults in its own process, for benchmarks: prints one JSON line. */
import { startTestApp } from "../test/support/app.ts";

const app = await startTestApp();
console.log(JSON.stringify({ url: app.url, ingestToken: app.ingestToken, pid: Deno.pid }));
const stop = async () => {
  await app.stop();
  Deno.exit(0);
};
Deno.addSignalListener("SIGTERM", stop);
Deno.addSignalListener("SIGINT", stop);
