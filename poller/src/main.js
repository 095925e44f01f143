import { ConfigError, readConfig } from "./config.js";
import { startHeartbeat } from "./heartbeat.js";
import { createLogger } from "./log.js";
import { Poller } from "./poller.js";
import { VERSION } from "./version.js";

/** @type {import("./config.js").PollerConfig} */
let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const log = createLogger(config.logLevel);
const poller = new Poller(config, log);
const heartbeat = startHeartbeat({
  config,
  snapshot: () => poller.snapshot(),
  log,
});

/** @param {NodeJS.Signals} signal */
function shutdown(signal) {
  if (poller.stopping) {
    log.warn("forced_exit", { signal });
    process.exit(1);
  }
  log.info("stopping", { signal, ...poller.counts });
  poller.stop();
  // In-flight posts normally finish well within this; a hung one must not block the exit.
  setTimeout(() => {
    log.error("shutdown_timeout", { afterMs: config.shutdownTimeoutMs });
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

log.info("starting", {
  version: VERSION,
  host: config.host,
  port: config.port,
  tls: config.tls,
  user: config.user,
  auth: config.accessToken ? "xoauth2" : "password",
  mailbox: config.mailbox,
  processed: config.processedMailbox,
  rejected: config.rejectedMailbox,
  ingest: config.ingestUrl,
  concurrency: config.concurrency,
});
await poller.run();
heartbeat.stop();
await heartbeat.beat();
process.exit(0);
