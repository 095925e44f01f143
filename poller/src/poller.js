import { ImapFlow } from "imapflow";
import { backoffMs, sleep } from "./backoff.js";
import { advance, loadCheckpoint, saveCheckpoint } from "./checkpoint.js";
import { deliver, describe } from "./deliver.js";
import { VERSION } from "./version.js";

/**
 * @typedef {object} Counts
 * @property {number} fetched messages read from the mailbox (a retry reads one again)
 * @property {number} delivered messages the ingest function accepted (and we moved)
 * @property {number} rejected messages it refused for good (moved to the rejected mailbox)
 * @property {number} retried deliveries that failed and were scheduled again
 * @property {number} pending messages in the mailbox waiting for a (re)try after the last scan
 * @property {number} reconnects connections re-established after a drop
 */

/**
 * Watches one IMAP mailbox and delivers each message in it to the ingest function, exactly once
 * in effect: a message leaves the mailbox only after ingest answered, and ingest's idempotency
 * makes a second delivery (after a crash between the answer and the move) harmless.
 */
export class Poller {
  /**
   * @param {import("./config.js").PollerConfig} config
   * @param {import("./log.js").Logger} log
   */
  constructor(config, log) {
    this.config = config;
    this.log = log;
    /** @type {Counts} */
    this.counts = {
      fetched: 0,
      delivered: 0,
      rejected: 0,
      retried: 0,
      pending: 0,
      reconnects: 0,
    };
    this.connected = false;
    this.startedAt = new Date().toISOString();
    /** @type {string | null} */
    this.lastPollAt = null;
    /** @type {string | null} */
    this.lastDeliveryAt = null;
    /** @type {{at: string, message: string} | null} */
    this.lastError = null;
    /** @type {Map<number, {attempts: number, nextAt: number}>} UID → retry schedule */
    this.retries = new Map();
    this.stopping = false;
    this.dirty = true;
    this.abort = new AbortController();
    /** @type {(() => void) | null} */
    this.wakeUp = null;
    /** @type {ImapFlow | null} */
    this.client = null;
  }

  /** What heartbeats report. */
  snapshot() {
    return {
      name: this.config.name,
      version: VERSION,
      mailbox: `${this.config.user}@${this.config.host}/${this.config.mailbox}`,
      connected: this.connected,
      startedAt: this.startedAt,
      lastPollAt: this.lastPollAt,
      lastDeliveryAt: this.lastDeliveryAt,
      intervalSeconds: Math.round(this.config.heartbeatIntervalMs / 1000),
      counts: { ...this.counts },
      lastError: this.lastError,
    };
  }

  /**
   * Where delivery stands, for the log after each scan that had work and at stop: the counts,
   * messages waiting for a retry now, and one line an operator can read.
   */
  progress() {
    const retrying = this.retries.size;
    const { fetched, delivered, rejected } = this.counts;
    return {
      summary: `${fetched} fetched, ${delivered} delivered, ${retrying} retrying` +
        (rejected ? `, ${rejected} rejected` : ""),
      retrying,
      ...this.counts,
    };
  }

  /** Ask the poller to stop: in-flight deliveries finish, then it logs out and `run` resolves. */
  stop() {
    if (this.stopping) return;
    this.stopping = true;
    this.abort.abort();
    this.wake();
  }

  wake() {
    this.dirty = true;
    this.wakeUp?.();
  }

  /** Connect, deliver, wait for mail; reconnect with backoff on any failure until stopped. */
  async run() {
    let failures = 0;
    let everConnected = false;
    while (!this.stopping) {
      const client = this.createClient();
      this.client = client;
      try {
        await client.connect();
        if (everConnected) this.counts.reconnects++;
        everConnected = true;
        failures = 0;
        this.connected = true;
        this.log.info("connected", {
          host: this.config.host,
          mailbox: this.config.mailbox,
          ...this.counts,
        });
        await this.session(client);
      } catch (error) {
        this.fail("imap_error", error);
      } finally {
        this.connected = false;
        this.client = null;
      }
      if (this.stopping) {
        await client.logout().catch(() => client.close());
        break;
      }
      client.close();
      const delay = backoffMs(
        failures++,
        this.config.reconnectBaseMs,
        this.config.reconnectMaxMs,
      );
      this.log.warn("reconnecting", {
        inMs: delay,
        attempt: failures,
        ...this.counts,
      });
      await sleep(delay, this.abort.signal);
    }
    this.log.info("stopped", this.progress());
  }

  /** @returns {ImapFlow} */
  createClient() {
    const c = this.config;
    const client = new ImapFlow({
      host: c.host,
      port: c.port,
      secure: c.tls === "tls",
      doSTARTTLS: c.tls === "starttls" ? true : c.tls === "none" ? false : undefined,
      auth: c.accessToken
        ? { user: c.user, accessToken: c.accessToken }
        : { user: c.user, pass: c.password },
      logger: false,
      // IDLE right after each burst of commands, so an arrival is pushed within a second or so.
      autoIdleDelay: c.idleDelayMs,
      // Restarting IDLE regularly notices a silently dead connection.
      maxIdleTime: Math.min(c.pollIntervalMs, 5 * 60_000),
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
      clientInfo: { name: "inbox-triage-poller", version: VERSION },
    });
    client.on("error", (error) => this.fail("imap_error", error));
    client.on("exists", (data) => {
      this.log.debug("exists", {
        count: data.count,
        prevCount: data.prevCount,
      });
      this.wake();
    });
    return client;
  }

  /**
   * One connection's life: open the mailbox, then scan whenever mail arrives, a retry falls
   * due or the poll interval passes, until the connection closes or we stop.
   * @param {ImapFlow} client
   */
  async session(client) {
    const closed = new Promise((resolve) => client.once("close", resolve));
    let isClosed = false;
    void closed.then(() => {
      isClosed = true;
      this.wake();
    });
    await this.ensureMailboxes(client);
    const box = await client.mailboxOpen(this.config.mailbox);
    const uidValidity = String(box.uidValidity);
    let checkpoint = await loadCheckpoint(this.config.checkpointFile);
    if (checkpoint.uidValidity !== uidValidity) {
      if (checkpoint.uidValidity !== null) {
        this.log.warn("uidvalidity_changed", {
          was: checkpoint.uidValidity,
          now: uidValidity,
        });
      }
      checkpoint = { uidValidity, lastUid: 0 };
      this.retries.clear();
      await saveCheckpoint(this.config.checkpointFile, checkpoint);
    }
    this.dirty = true;
    while (!this.stopping && !isClosed) {
      if (this.dirty) {
        this.dirty = false;
        checkpoint = await this.scan(client, checkpoint);
        continue;
      }
      await this.waitForWork();
    }
    if (isClosed && !this.stopping) throw new Error("IMAP connection closed");
  }

  /** Sleep until woken (new mail, stop, close) or the next retry / poll is due. */
  async waitForWork() {
    const now = Date.now();
    let wait = this.config.pollIntervalMs;
    for (const { nextAt } of this.retries.values()) {
      wait = Math.min(wait, Math.max(0, nextAt - now));
    }
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.dirty = true;
        resolve(undefined);
      }, wait);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve(undefined);
      };
    });
    this.wakeUp = null;
  }

  /** @param {ImapFlow} client */
  async ensureMailboxes(client) {
    const existing = new Set((await client.list()).map((box) => box.path));
    for (
      const path of [this.config.processedMailbox, this.config.rejectedMailbox]
    ) {
      if (existing.has(path)) continue;
      try {
        await client.mailboxCreate(path);
        this.log.info("mailbox_created", { path });
      } catch (error) {
        // Created meanwhile by someone else is fine; anything else surfaces on the first move.
        this.log.warn("mailbox_create_failed", {
          path,
          error: describe(error),
        });
      }
    }
  }

  /**
   * Deliver every message above the checkpoint that is not waiting for a later retry.
   * @param {ImapFlow} client
   * @param {import("./checkpoint.js").Checkpoint} checkpoint
   * @returns {Promise<import("./checkpoint.js").Checkpoint>}
   */
  async scan(client, checkpoint) {
    this.lastPollAt = new Date().toISOString();
    const from = checkpoint.lastUid + 1;
    const found = (await client.search({ uid: `${from}:*` }, { uid: true })) ||
      [];
    // `N:*` also matches the highest UID when every UID is below N.
    const seen = found.filter((uid) => uid >= from).sort((a, b) => a - b);
    const now = Date.now();
    const due = seen.filter((uid) => (this.retries.get(uid)?.nextAt ?? 0) <= now);
    /** @type {Set<number>} */
    const waiting = new Set(seen);
    for (const uid of this.retries.keys()) {
      if (!waiting.has(uid)) this.retries.delete(uid);
    }
    this.counts.pending = seen.length;
    if (due.length > 0) {
      this.log.debug("scan", { from, found: seen.length, due: due.length });
    }

    let next = 0;
    const worker = async () => {
      while (!this.stopping && next < due.length) {
        const uid = due[next++];
        if (await this.handle(client, uid)) {
          waiting.delete(uid);
          this.counts.pending--;
        }
      }
    };
    const workers = Array.from({
      length: Math.min(this.config.concurrency, due.length),
    }, worker);
    const results = await Promise.allSettled(workers);
    if (due.length > 0) this.log.info("progress", this.progress());
    const lastUid = advance(checkpoint.lastUid, seen, waiting);
    const updated = { uidValidity: checkpoint.uidValidity, lastUid };
    if (lastUid !== checkpoint.lastUid) {
      await saveCheckpoint(this.config.checkpointFile, updated);
    }
    for (const result of results) {
      if (result.status === "rejected") throw result.reason;
    }
    return updated;
  }

  /**
   * Fetch, deliver and file one message. True when it left the mailbox (or was already gone).
   * @param {ImapFlow} client
   * @param {number} uid
   */
  async handle(client, uid) {
    const message = await client.fetchOne(String(uid), {
      uid: true,
      source: true,
    }, { uid: true });
    if (!message || !message.source) return true;
    this.counts.fetched++;
    const size = message.source.length;
    const result = await deliver({
      url: this.config.ingestUrl,
      secret: this.config.ingestToken,
      body: message.source,
      timeoutMs: this.config.ingestTimeoutMs,
    });
    if (result.outcome === "accepted") {
      await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      await this.move(client, uid, this.config.processedMailbox);
      this.retries.delete(uid);
      this.counts.delivered++;
      this.lastDeliveryAt = new Date().toISOString();
      this.log.info("delivered", {
        uid,
        size,
        status: result.status,
        ...this.counts,
      });
      return true;
    }
    if (result.outcome === "rejected") {
      await this.move(client, uid, this.config.rejectedMailbox);
      this.retries.delete(uid);
      this.counts.rejected++;
      this.log.warn("rejected", {
        uid,
        size,
        status: result.status,
        reason: result.reason,
        ...this.counts,
      });
      return true;
    }
    const attempts = (this.retries.get(uid)?.attempts ?? 0) + 1;
    const delay = backoffMs(
      attempts - 1,
      this.config.retryBaseMs,
      this.config.retryMaxMs,
    );
    this.retries.set(uid, { attempts, nextAt: Date.now() + delay });
    this.counts.retried++;
    this.lastError = {
      at: new Date().toISOString(),
      message: `uid ${uid}: ${result.reason}`,
    };
    this.log.warn("retry_scheduled", {
      uid,
      size,
      status: result.status,
      reason: result.reason,
      attempt: attempts,
      inMs: delay,
      ...this.counts,
    });
    return false;
  }

  /**
   * Move one message, or throw. imapflow answers a MOVE that failed (the connection cut while it
   * ran, say) with `false` rather than an error: taken as done, the message would stay in the
   * mailbox below the checkpoint, never scanned again. Thrown, the scan keeps it waiting and the
   * next connection delivers it again (ingest knows it) and moves it.
   * @param {ImapFlow} client
   * @param {number} uid
   * @param {string} mailbox
   */
  async move(client, uid, mailbox) {
    const moved = await client.messageMove(String(uid), mailbox, { uid: true });
    if (!moved) throw new Error(`moving uid ${uid} to ${mailbox} did not complete`);
  }

  /**
   * @param {string} event
   * @param {unknown} error
   */
  fail(event, error) {
    const message = describe(error);
    this.lastError = { at: new Date().toISOString(), message };
    this.log.warn(event, { error: message, ...this.counts });
  }
}
