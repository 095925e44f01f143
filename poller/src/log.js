/** @typedef {"debug" | "info" | "warn" | "error"} Level */
/** @typedef {(event: string, fields?: Record<string, unknown>) => void} LogFn */
/** @typedef {{debug: LogFn, info: LogFn, warn: LogFn, error: LogFn}} Logger */

const ORDER = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON line per event on stdout, so each line says what happened with the counts so far.
 * @param {Level} level
 * @param {(line: string) => void} [sink]
 * @returns {Logger}
 */
export function createLogger(
  level = "info",
  sink = (line) => process.stdout.write(`${line}\n`),
) {
  /** @param {Level} l @returns {LogFn} */
  const emit = (l) => (event, fields = {}) => {
    if (ORDER[l] < ORDER[level]) return;
    sink(
      JSON.stringify({
        at: new Date().toISOString(),
        level: l,
        event,
        ...fields,
      }),
    );
  };
  return {
    debug: emit("debug"),
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
  };
}
