import { deliver } from "./deliver.js";

/**
 * Post the poller's status to the ingest function's heartbeat endpoint every interval (and once
 * right away). Failures are logged, never fatal: the mail matters more than the dashboard.
 * @param {object} options
 * @param {import("./config.js").PollerConfig} options.config
 * @param {() => Record<string, unknown>} options.snapshot
 * @param {import("./log.js").Logger} options.log
 * @returns {{ stop(): void, beat(): Promise<void> }}
 */
export function startHeartbeat({ config, snapshot, log }) {
  let failing = false;
  async function beat() {
    const body = new TextEncoder().encode(JSON.stringify(snapshot()));
    const result = await deliver({
      url: config.heartbeatUrl,
      secret: config.ingestToken,
      body,
      contentType: "application/json",
      timeoutMs: 10_000,
    });
    if (result.outcome === "accepted") {
      if (failing) log.info("heartbeat_ok", {});
      failing = false;
    } else if (!failing) {
      // Once per outage, not once per beat.
      log.warn("heartbeat_failed", {
        status: result.status,
        reason: result.reason,
      });
      failing = true;
    }
  }
  const timer = setInterval(() => void beat(), config.heartbeatIntervalMs);
  timer.unref();
  void beat();
  return { stop: () => clearInterval(timer), beat };
}
