/**
 * How the embedded store pages a full-text search that has no other filter:
 * - `walk`: go down the list order's index and keep the rows whose id is among the matches,
 *   stopping once the page is full. It visits about (offset + limit) × total / matches index
 *   entries, a fraction of a microsecond each, and reads only the page's rows.
 * - `matches`: read every match's row and sort them: a row lookup each (≈ 2 µs at 100k
 *   complaints), cheaper only when the matches are few.
 * Measured at 100k complaints: "order" (20k matches) 46 ms by `matches`, 3 ms by `walk`; a
 * word in no complaint costs `walk` a whole index (≈ 8 ms), `matches` nothing.
 */
export function searchPlan(
  matches: number,
  total: number,
  offset: number,
  limit: number,
): "walk" | "matches" {
  if (matches === 0) return "matches";
  return (offset + limit) * total < ENTRY_PER_ROW * matches * matches ? "walk" : "matches";
}

/** How many index entries cost about as much as one row lookup (measured, rounded down). */
const ENTRY_PER_ROW = 20;
