import assert from "node:assert/strict";
import { createLogger, type LogLevel } from "./log.ts";

function capture(level: LogLevel) {
  const lines: string[] = [];
  return { lines, log: createLogger(level, (line) => lines.push(line)) };
}

Deno.test("each event is one JSON line with time, level, event and fields", () => {
  const { lines, log } = capture("debug");
  const before = Date.now();
  log.info("complaint_created", { id: "abc", attempts: 2, nested: { ok: true } });
  assert.equal(lines.length, 1);
  assert.ok(!lines[0].includes("\n"));
  const entry = JSON.parse(lines[0]);
  assert.equal(entry.level, "info");
  assert.equal(entry.event, "complaint_created");
  assert.equal(entry.id, "abc");
  assert.equal(entry.attempts, 2);
  assert.deepEqual(entry.nested, { ok: true });
  const at = Date.parse(entry.at);
  assert.ok(at >= before - 1 && at <= Date.now() + 1, `at ${entry.at} is now`);
});

Deno.test("a multi-line field value stays on one line", () => {
  const { lines, log } = capture("debug");
  log.error("boom", { stack: "Error: x\n    at a\n    at b" });
  assert.equal(lines.length, 1);
  assert.equal(JSON.parse(lines[0]).stack, "Error: x\n    at a\n    at b");
});

Deno.test("events below the level are dropped; at and above are written", () => {
  const cases: [LogLevel, string[]][] = [
    ["debug", ["debug", "info", "warn", "error"]],
    ["info", ["info", "warn", "error"]],
    ["warn", ["warn", "error"]],
    ["error", ["error"]],
  ];
  for (const [level, expected] of cases) {
    const { lines, log } = capture(level);
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    assert.deepEqual(lines.map((l) => JSON.parse(l).level), expected, `level ${level}`);
  }
});

Deno.test("the default level is info", () => {
  const lines: string[] = [];
  const log = createLogger(undefined, (l) => lines.push(l));
  log.debug("hidden");
  log.info("shown");
  assert.deepEqual(lines.map((l) => JSON.parse(l).event), ["shown"]);
});

Deno.test({
  name: "fields cannot overwrite the line's at, level or event",
  fn() {
    const { lines, log } = capture("debug");
    log.warn("alert", { level: 2, event: "other", at: "yesterday" });
    const entry = JSON.parse(lines[0]);
    assert.equal(entry.level, "warn");
    assert.equal(entry.event, "alert");
    assert.notEqual(entry.at, "yesterday");
  },
});
