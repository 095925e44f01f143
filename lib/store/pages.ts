import type { Complaint, ListQuery, ListResult } from "../schema/complaint.ts";
import type { ComplaintStore } from "./port.ts";

/** The most a page of `listComplaints` holds (the list query's own cap). */
export const LIST_PAGE = 100;

/**
 * Every page of complaints matching `filter`, in the list's order, read one page after another
 * until a short page, the last page by the count, or `maxPages`. Jobs walk their work with it
 * instead of each keeping its own loop; a consumer that changes what it read must not change
 * what the filter matches ahead of it.
 */
export async function* pagesOf(
  store: Pick<ComplaintStore, "listComplaints">,
  filter: Omit<Partial<ListQuery>, "page" | "limit">,
  maxPages = Infinity,
): AsyncGenerator<ListResult<Complaint>> {
  for (let page = 1; page <= maxPages; page++) {
    const result = await store.listComplaints({ ...filter, page, limit: LIST_PAGE });
    yield result;
    // A short page, or the last by the count, ends it: no empty page is read past an exact fit.
    if (result.items.length < LIST_PAGE || page * LIST_PAGE >= result.total) return;
  }
}

/** Every complaint matching `filter`, up to `maxPages` pages of LIST_PAGE. */
export async function listAll(
  store: Pick<ComplaintStore, "listComplaints">,
  filter: Omit<Partial<ListQuery>, "page" | "limit">,
  maxPages = Infinity,
): Promise<Complaint[]> {
  const out: Complaint[] = [];
  for await (const { items } of pagesOf(store, filter, maxPages)) out.push(...items);
  return out;
}
