import assert from "node:assert/strict";
import { formatBytes, formatDateTime, formatPercent, humanize } from "./format.ts";

Deno.test("formatDateTime shows UTC minutes and passes non-dates through", () => {
  assert.equal(formatDateTime("2026-03-01T14:05:59.123Z"), "2026-03-01 14:05");
  assert.equal(formatDateTime("2026-03-01T16:05:00+02:00"), "2026-03-01 14:05");
  assert.equal(formatDateTime("yesterday"), "yesterday");
});

Deno.test("formatBytes picks B, KB or MB", () => {
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(12_595), "12.3 KB");
  assert.equal(formatBytes(4 * 1024 * 1024), "4.0 MB");
});

Deno.test("humanize and formatPercent make labels", () => {
  assert.equal(humanize("in_progress"), "In progress");
  assert.equal(formatPercent(0.876), "88%");
});
