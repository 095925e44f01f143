/**
 * Business time: the hours a support team works, in its time zone, without its holidays. SLA
 * clocks run only then. With no hours set the calendar is always open (wall-clock time).
 */
export interface BusinessCalendar {
  /** Working intervals per ISO weekday (1 = Monday … 7 = Sunday), minutes from local midnight. */
  week: Map<number, [number, number][]>;
  timeZone: string;
  /** Local dates (YYYY-MM-DD) nobody works. */
  holidays: Set<string>;
  /** True when there are no hours: every instant counts. */
  always: boolean;
}

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** A calendar open all the time. */
export const ALWAYS_OPEN: BusinessCalendar = {
  week: new Map(),
  timeZone: "UTC",
  holidays: new Set(),
  always: true,
};

/**
 * Parse `SLA_BUSINESS_HOURS` ("Mon-Fri 09:00-18:00; Sat 10:00-14:00"), a time zone and holidays
 * ("2026-12-16,2026-12-17"). Throws with the bad part named; empty hours mean always open.
 */
export function parseCalendar(hours: string, timeZone: string, holidays: string): BusinessCalendar {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone }).format(0);
  } catch {
    throw new Error(`unknown time zone "${timeZone}"`);
  }
  const dates = new Set<string>();
  for (const d of holidays.split(",").map((s) => s.trim()).filter(Boolean)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`bad holiday "${d}" (YYYY-MM-DD)`);
    dates.add(d);
  }
  const week = new Map<number, [number, number][]>();
  for (const part of hours.split(";").map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z]{3})(?:\s*-\s*([a-z]{3}))?\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/i
      .exec(part);
    const from = m ? DAYS.indexOf(m[1].toLowerCase()) : -1;
    const to = m ? (m[2] ? DAYS.indexOf(m[2].toLowerCase()) : from) : -1;
    const start = m ? Number(m[3]) * 60 + Number(m[4]) : 0;
    const end = m ? Number(m[5]) * 60 + Number(m[6]) : 0;
    if (!m || from < 0 || to < from || end <= start || end > 24 * 60) {
      throw new Error(`bad business hours "${part}" (e.g. "Mon-Fri 09:00-18:00")`);
    }
    for (let d = from; d <= to; d++) {
      const list = week.get(d + 1) ?? [];
      list.push([start, end]);
      week.set(d + 1, list.sort((a, b) => a[0] - b[0]));
    }
  }
  return { week, timeZone, holidays: dates, always: week.size === 0 };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date and the zone's offset (ms, local − UTC) at an instant. */
function local(t: number, timeZone: string): { y: number; m: number; d: number; offset: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return { y: +p.year, m: +p.month, d: +p.day, offset: asUtc - Math.floor(t / 1000) * 1000 };
}

/** The instant a local wall-clock time of a local date is (second try fixes DST edges). */
function instant(y: number, m: number, d: number, minutes: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  let t = wall - local(wall, timeZone).offset;
  t = wall - local(t, timeZone).offset;
  return t;
}

/** The working intervals (UTC ms) of the local day containing `t`, and when the next day starts. */
function dayIntervals(
  t: number,
  cal: BusinessCalendar,
): { spans: [number, number][]; start: number; next: number } {
  const { y, m, d } = local(t, cal.timeZone);
  const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const weekday = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
  const start = instant(y, m, d, 0, cal.timeZone);
  const next = instant(y, m, d, 24 * 60, cal.timeZone);
  if (cal.holidays.has(iso)) return { spans: [], start, next };
  const spans = (cal.week.get(weekday) ?? []).map(([a, b]): [number, number] => [
    instant(y, m, d, a, cal.timeZone),
    instant(y, m, d, b, cal.timeZone),
  ]);
  return { spans, start, next };
}

/** Business milliseconds from `from` to `to` (negative when `to` is earlier). */
export function businessMs(from: number, to: number, cal: BusinessCalendar): number {
  if (cal.always) return to - from;
  if (to < from) return -businessMs(to, from, cal);
  let total = 0;
  let t = from;
  for (let guard = 0; t < to && guard < 4000; guard++) {
    const { spans, next } = dayIntervals(t, cal);
    for (const [a, b] of spans) {
      const s = Math.max(a, t), e = Math.min(b, to);
      if (e > s) total += e - s;
    }
    t = next;
  }
  return total;
}

/** The instant `ms` business milliseconds after `from` (before it, for a negative `ms`). */
export function addBusinessMs(from: number, ms: number, cal: BusinessCalendar): number {
  if (cal.always) return from + ms;
  if (ms <= 0) return ms === 0 ? from : subtract(from, -ms, cal);
  let left = ms;
  let t = from;
  for (let guard = 0; guard < 4000; guard++) {
    const { spans, next } = dayIntervals(t, cal);
    for (const [a, b] of spans) {
      const s = Math.max(a, t);
      if (b <= s) continue;
      if (b - s >= left) return s + left;
      left -= b - s;
    }
    t = next;
  }
  throw new Error("the business calendar has no working time");
}

function subtract(from: number, ms: number, cal: BusinessCalendar): number {
  let left = ms;
  let t = from;
  for (let guard = 0; guard < 4000; guard++) {
    const { spans, start } = dayIntervals(t - 1, cal);
    for (const [a, b] of [...spans].reverse()) {
      const e = Math.min(b, t);
      if (e <= a) continue;
      if (e - a >= left) return e - left;
      left -= e - a;
    }
    t = start;
  }
  throw new Error("the business calendar has no working time");
}
