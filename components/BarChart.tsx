import { layoutBars } from "../lib/web/bar_chart.ts";

/** Complaints per day as an inline SVG drawn on the server (no script). */
export function BarChart({ perDay }: { perDay: { day: string; count: number }[] }) {
  const layout = layoutBars(perDay);
  if (layout.bars.length === 0) return <p class="empty">No complaints yet.</p>;
  const first = layout.bars[0].day;
  const last = layout.bars[layout.bars.length - 1].day;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={`Complaints per day from ${first} to ${last}, at most ${layout.max}`}
      >
        {layout.bars.map((b) => (
          <rect key={b.day} class="bar" x={b.x} y={b.y} width={b.width} height={b.height}>
            <title>{`${b.day}: ${b.count}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption>
        <span>{first}</span>
        <span>max {layout.max} per day</span>
        <span>{last}</span>
      </figcaption>
    </figure>
  );
}
