import { humanize } from "../lib/web/format.ts";

/** A coloured label for a status, priority or category value (colour chosen by CSS class). */
export function Badge(
  { kind, value }: { kind: "status" | "priority" | "category"; value: string },
) {
  return <span class={`badge ${kind}-${value}`}>{humanize(value)}</span>;
}
