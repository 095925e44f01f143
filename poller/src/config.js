// The poller's one reader of the environment: every variable it understands, with its default.

/**
 * @typedef {object} PollerConfig
 * @property {string} host
 * @property {number} port
 * @property {"tls" | "starttls" | "none"} tls
 * @property {string} user
 * @property {string | undefined} password
 * @property {string | undefined} accessToken
 * @property {string} mailbox
 * @property {string} processedMailbox
 * @property {string} rejectedMailbox
 * @property {string} ingestUrl
 * @property {string} heartbeatUrl
 * @property {string} ingestToken
 * @property {string} name
 * @property {number} pollIntervalMs
 * @property {number} heartbeatIntervalMs
 * @property {number} idleDelayMs
 * @property {number} concurrency
 * @property {string} checkpointFile
 * @property {number} retryBaseMs
 * @property {number} retryMaxMs
 * @property {number} reconnectBaseMs
 * @property {number} reconnectMaxMs
 * @property {number} ingestTimeoutMs
 * @property {number} shutdownTimeoutMs
 * @property {"debug" | "info" | "warn" | "error"} logLevel
 */

/** Raised for a missing or malformed variable; the message names every bad one. */
export class ConfigError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(`Invalid poller configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Parse the poller's configuration from an environment map (empty strings count as unset).
 * @param {Record<string, string | undefined>} env
 * @returns {PollerConfig}
 */
export function readConfig(env) {
  /** @type {string[]} */
  const problems = [];
  /** @param {string} name */
  const str = (name) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  /** @param {string} name */
  const required = (name) => {
    const value = str(name);
    if (!value) problems.push(`${name}: required`);
    return value ?? "";
  };
  /**
   * @param {string} name
   * @param {number} def
   * @param {number} min
   * @param {number} [max]
   */
  const int = (name, def, min, max = Number.MAX_SAFE_INTEGER) => {
    const value = str(name);
    if (value === undefined) return def;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(
        `${name}: must be an integer from ${min} to ${max}, not ${value}`,
      );
      return def;
    }
    return n;
  };
  /**
   * @template {string} T
   * @param {string} name
   * @param {readonly T[]} allowed
   * @param {T} def
   * @returns {T}
   */
  const oneOf = (name, allowed, def) => {
    const value = str(name)?.toLowerCase();
    if (value === undefined) return def;
    if (!allowed.includes(/** @type {T} */ (value))) {
      problems.push(`${name}: one of ${allowed.join(", ")}, not ${value}`);
      return def;
    }
    return /** @type {T} */ (value);
  };
  /** @param {string} name */
  const url = (name) => {
    const value = required(name);
    if (value && !/^https?:\/\/[^/]/i.test(value)) {
      problems.push(`${name}: must be an http(s) URL`);
    }
    return value.replace(/\/+$/, "");
  };

  const tls = oneOf(
    "IMAP_TLS",
    /** @type {const} */ (["tls", "starttls", "none"]),
    "tls",
  );
  const password = str("IMAP_PASSWORD");
  const accessToken = str("IMAP_ACCESS_TOKEN");
  if (!password && !accessToken) {
    problems.push("IMAP_PASSWORD or IMAP_ACCESS_TOKEN: one is required");
  }
  const ingestUrl = url("INGEST_URL");
  const name = str("POLLER_NAME") ?? "poller";
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(name)) {
    problems.push(
      "POLLER_NAME: letters, digits, dot, dash, underscore; at most 64",
    );
  }

  /** @type {PollerConfig} */
  const config = {
    host: required("IMAP_HOST"),
    port: int("IMAP_PORT", tls === "tls" ? 993 : 143, 1, 65535),
    tls,
    user: required("IMAP_USER"),
    password,
    accessToken,
    mailbox: str("IMAP_MAILBOX") ?? "INBOX",
    processedMailbox: str("IMAP_PROCESSED_MAILBOX") ?? "Processed",
    rejectedMailbox: str("IMAP_REJECTED_MAILBOX") ?? "Rejected",
    ingestUrl,
    heartbeatUrl: str("HEARTBEAT_URL") ?? `${ingestUrl}/heartbeat`,
    ingestToken: required("INGEST_TOKEN"),
    name,
    pollIntervalMs: int("POLL_INTERVAL_SECONDS", 60, 1, 86_400) * 1000,
    heartbeatIntervalMs: int("HEARTBEAT_INTERVAL_SECONDS", 30, 1, 86_400) *
      1000,
    idleDelayMs: int("IMAP_IDLE_DELAY_MS", 200, 1, 60_000),
    concurrency: int("CONCURRENCY", 4, 1, 64),
    checkpointFile: str("CHECKPOINT_FILE") ?? ".poller-checkpoint.json",
    retryBaseMs: int("RETRY_BASE_MS", 2_000, 1),
    retryMaxMs: int("RETRY_MAX_MS", 300_000, 1),
    reconnectBaseMs: int("RECONNECT_BASE_MS", 1_000, 1),
    reconnectMaxMs: int("RECONNECT_MAX_MS", 120_000, 1),
    ingestTimeoutMs: int("INGEST_TIMEOUT_SECONDS", 120, 1, 3600) * 1000,
    shutdownTimeoutMs: int("SHUTDOWN_TIMEOUT_SECONDS", 30, 1, 3600) * 1000,
    logLevel: oneOf(
      "LOG_LEVEL",
      /** @type {const} */ (["debug", "info", "warn", "error"]),
      "info",
    ),
  };
  for (const box of ["processedMailbox", "rejectedMailbox"]) {
    if (config[/** @type {"processedMailbox"} */ (box)] === config.mailbox) {
      problems.push(
        `${
          box === "processedMailbox" ? "IMAP_PROCESSED_MAILBOX" : "IMAP_REJECTED_MAILBOX"
        }: must differ from IMAP_MAILBOX`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
