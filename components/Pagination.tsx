import { type FilterValues, pageHref } from "../lib/complaints/list_params.ts";

/** Previous/next links that keep the filter, with the position in the result. */
export function Pagination(
  { values, page, limit, total }: {
    values: FilterValues;
    page: number;
    limit: number;
    total: number;
  },
) {
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? <a rel="prev" href={pageHref(values, page - 1)}>← Previous</a> : <span />}
      <span>
        Page {Math.min(page, pages)} of {pages} · {total} complaint{total === 1 ? "" : "s"}
      </span>
      {page < pages ? <a rel="next" href={pageHref(values, page + 1)}>Next →</a> : <span />}
    </nav>
  );
}
