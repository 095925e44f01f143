import { humanize } from "../lib/web/format.ts";

/** A titled list of value → count, with links to the filtered list. */
export function CountList(
  { title, field, counts }: { title: string; field: string; counts: Record<string, number> },
) {
  return (
    <section class="card counts">
      <h2>{title}</h2>
      <dl>
        {Object.entries(counts).map(([key, n]) => (
          <div key={key}>
            <dt>
              <a href={`/complaints?${field}=${encodeURIComponent(key)}`}>{humanize(key)}</a>
            </dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
