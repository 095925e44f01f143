import assert from "node:assert/strict";
import { addBusinessMs, ALWAYS_OPEN, businessMs, parseCalendar } from "./calendar.ts";

const H = 3_600_000;
const t = (iso: string) => Date.parse(iso);
// Almaty is UTC+5 all year: 09:00 local is 04:00Z.
const almaty = parseCalendar("Mon-Fri 09:00-18:00", "Asia/Almaty", "2026-12-16");

Deno.test("with no hours the calendar is wall-clock time", () => {
  assert.equal(
    addBusinessMs(t("2026-12-05T10:00:00Z"), 5 * H, ALWAYS_OPEN),
    t("2026-12-05T15:00:00Z"),
  );
  assert.equal(
    businessMs(t("2026-12-05T10:00:00Z"), t("2026-12-06T10:00:00Z"), ALWAYS_OPEN),
    24 * H,
  );
});

Deno.test("business time runs only in working hours, in the team's time zone", () => {
  // Monday 2026-12-07 17:00 local + 2 h → Tuesday 10:00 local (05:00Z).
  assert.equal(
    new Date(addBusinessMs(t("2026-12-07T12:00:00Z"), 2 * H, almaty)).toISOString(),
    "2026-12-08T05:00:00.000Z",
  );
  // Friday 16:00 local + 4 h → Monday 11:00 local.
  assert.equal(
    new Date(addBusinessMs(t("2026-12-11T11:00:00Z"), 4 * H, almaty)).toISOString(),
    "2026-12-14T06:00:00.000Z",
  );
  // Saturday night counts from Monday 09:00.
  assert.equal(
    new Date(addBusinessMs(t("2026-12-12T20:00:00Z"), 1 * H, almaty)).toISOString(),
    "2026-12-14T05:00:00.000Z",
  );
  assert.equal(businessMs(t("2026-12-11T11:00:00Z"), t("2026-12-14T06:00:00Z"), almaty), 4 * H);
});

Deno.test("holidays are skipped, and subtraction walks back over closed time", () => {
  // Tuesday 2026-12-15 17:00 local + 2 h: the 16th is a holiday → Thursday 10:00 local.
  assert.equal(
    new Date(addBusinessMs(t("2026-12-15T12:00:00Z"), 2 * H, almaty)).toISOString(),
    "2026-12-17T05:00:00.000Z",
  );
  assert.equal(
    new Date(addBusinessMs(t("2026-12-14T05:00:00Z"), -2 * H, almaty)).toISOString(),
    "2026-12-11T12:00:00.000Z",
  );
});

Deno.test("daylight saving: a Berlin working day is 9 h on both sides of the switch", () => {
  const berlin = parseCalendar("Mon-Fri 09:00-18:00", "Europe/Berlin", "");
  // Friday 2026-03-27 (UTC+1) 17:00 local + 2 h → Monday 2026-03-30 (UTC+2) 10:00 local = 08:00Z.
  assert.equal(
    new Date(addBusinessMs(t("2026-03-27T16:00:00Z"), 2 * H, berlin)).toISOString(),
    "2026-03-30T08:00:00.000Z",
  );
});

Deno.test("bad hours, zones and holidays are refused, naming the part", () => {
  assert.throws(() => parseCalendar("Mon-Fri 18:00-09:00", "UTC", ""), /bad business hours/);
  assert.throws(() => parseCalendar("Funday 09:00-10:00", "UTC", ""), /bad business hours/);
  assert.throws(() => parseCalendar("", "Mars/Olympus", ""), /unknown time zone/);
  assert.throws(() => parseCalendar("", "UTC", "16.12.2026"), /bad holiday/);
});
