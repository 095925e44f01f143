/**
 * The product as `deno task start` builds it (config from the environment), on a temp DATA_DIR,
 * for benchmarks: prints one JSON line with its URL, ingest token and pid.
 */
import { readEnvConfig } from "../lib/config.ts";
import { createContext } from "../lib/context.ts";
import { createApp } from "../lib/app.ts";
import { resolveSecrets } from "../lib/secrets.ts";

const config = await resolveSecrets(readEnvConfig(), () => {});
const ctx = await createContext(config);
const app = await createApp(ctx);
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
console.log(JSON.stringify({
  url: `http://127.0.0.1:${server.addr.port}`,
  ingestToken: config.INGEST_TOKEN,
  pid: Deno.pid,
}));
const stop = async () => {
  await server.shutdown();
  await ctx.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGTERM", stop);
Deno.addSignalListener("SIGINT", stop);
