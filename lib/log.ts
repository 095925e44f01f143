import { currentRequestId } from "./http/request_id.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON line per event, so logs stay greppable and machine-readable. */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger writing JSON lines to stderr at or above `level`. A line written while a request is
 * handled carries its `requestId`.
 */
export function createLogger(
  level: LogLevel = "info",
  sink = (line: string) => console.error(line),
): Logger {
  const emit = (l: LogLevel) => (event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[l] < ORDER[level]) return;
    const requestId = currentRequestId();
    sink(JSON.stringify({
      ...fields,
      ...(requestId ? { requestId } : {}),
      at: new Date().toISOString(),
      level: l,
      event,
    }));
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}
