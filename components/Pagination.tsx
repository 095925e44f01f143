/** Previous/next links (each page's address from `href`), with the position in the result. */
export function Pagination(
  { href, page, limit, total, newestFirst = false }: {
    href: (page: number) => string;
    page: number;
    limit: number;
    total: number;
    /** Label the links "Newer"/"Older" (a list in time order) instead of "Previous"/"Next". */
    newestFirst?: boolean;
  },
) {
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1
        ? <a rel="prev" href={href(page - 1)}>{newestFirst ? "← Newer" : "← Previous"}</a>
        : <span />}
      <span>
        Page {Math.min(page, pages)} of {pages} · {total} complaint{total === 1 ? "" : "s"}
      </span>
      {page < pages
        ? <a rel="next" href={href(page + 1)}>{newestFirst ? "Older →" : "Next →"}</a>
        : <span />}
    </nav>
  );
}
