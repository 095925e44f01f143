/** One bar of the per-day chart, in SVG user units. */
export interface Bar {
  day: string;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  max: number;
  bars: Bar[];
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Lay out a per-day bar chart for the `days` days ending at the latest day in the data; days
 * without complaints get an empty slot so gaps stay visible.
 */
export function layoutBars(
  perDay: { day: string; count: number }[],
  opts: { width?: number; height?: number; days?: number } = {},
): ChartLayout {
  const width = opts.width ?? 600;
  const height = opts.height ?? 160;
  const days = opts.days ?? 30;
  if (perDay.length === 0) return { width, height, max: 0, bars: [] };
  const counts = new Map(perDay.map((d) => [d.day, d.count]));
  const last = perDay.map((d) => d.day).sort().at(-1)!;
  const slot = width / days;
  const max = Math.max(...perDay.map((d) => d.count), 1);
  const bars: Bar[] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(last, i - days + 1);
    const count = counts.get(day) ?? 0;
    const h = Math.round((count / max) * (height - 2) * 10) / 10;
    bars.push({
      day,
      count,
      x: Math.round(i * slot * 10) / 10,
      y: Math.round((height - h) * 10) / 10,
      width: Math.max(1, Math.round((slot - 2) * 10) / 10),
      height: h,
    });
  }
  return { width, height, max, bars };
}
