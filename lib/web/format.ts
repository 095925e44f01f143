/** `2026-03-01 14:05` in UTC; the raw string if it is not a date. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 16).replace("T", " ");
}

/** Human size: `512 B`, `12.3 KB`, `4.0 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** `in_progress` → `In progress`. */
export function humanize(value: string): string {
  const s = value.replaceAll("_", " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Confidence 0..1 as a whole percentage. */
export function formatPercent(x: number): string {
  return `${Math.round(x * 100)}%`;
}
