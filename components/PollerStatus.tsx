import type { PollerStatus } from "../lib/intake/status.ts";

/** The mail intake's health on the dashboard: one line per poller that sent a heartbeat. */
export function PollerStatusCard({ pollers }: { pollers: PollerStatus[] }) {
  return (
    <section class="card poller-status">
      <h2>Mail intake</h2>
      {pollers.length === 0
        ? <p class="muted">No poller has reported yet.</p>
        : pollers.map((p) => (
          <div key={p.name} class={`result ${p.healthy ? "ok" : "error"}`}>
            <strong>{p.name}</strong>{" "}
            {p.healthy ? "healthy" : p.connected ? "silent" : "disconnected"}
            {" · "}
            {p.mailbox || "mailbox unknown"} · last poll {p.lastPollAt ?? "never"} · last heartbeat
            {" "}
            {p.receivedAt} · fetched {p.counts.fetched}, delivered {p.counts.delivered}, rejected
            {" "}
            {p.counts.rejected}, retried {p.counts.retried}, pending {p.counts.pending}, reconnects
            {" "}
            {p.counts.reconnects}
            {p.lastError && (
              <div class="muted">
                Last error {p.lastError.at}: {p.lastError.message}
              </div>
            )}
          </div>
        ))}
    </section>
  );
}
