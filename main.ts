import { ConfigError, readEnvConfig } from "./lib/config.ts";
import { createContext } from "./lib/context.ts";
import { createApp } from "./lib/app.ts";
import { resolveSecrets } from "./lib/secrets.ts";
import { startJobDriver } from "./lib/jobs.ts";
import { registerTelegramWebhook } from "./lib/notify/telegram_webhook.ts";

try {
  const config = await resolveSecrets(readEnvConfig());
  const ctx = await createContext(config);
  const app = await createApp(ctx);
  const jobs = startJobDriver(ctx);
  await registerTelegramWebhook(config, ctx.log);
  const server = Deno.serve({
    port: config.PORT,
    hostname: config.HOSTNAME,
    onListen: ({ hostname, port }) =>
      ctx.log.info("listening", {
        url: config.PUBLIC_URL ??
          `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`,
        store: ctx.store.name,
        blobs: ctx.blobs.name,
        cache: ctx.cache.name,
        analyzer: ctx.analyzer.name,
        notifier: ctx.notifier.name,
      }),
  }, app.fetch);
  const shutdown = async () => {
    ctx.log.info("shutting_down");
    jobs.stop();
    ctx.events.close(); // live streams end, so the server stops without waiting on them
    await server.shutdown();
    await jobs.drain();
    await ctx.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", shutdown);
  Deno.addSignalListener("SIGTERM", shutdown);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    Deno.exit(1);
  }
  throw err;
}
