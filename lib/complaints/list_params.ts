import { type ListQuery, listQuerySchema } from "../schema/complaint.ts";

const FIELDS = [
  "status",
  "category",
  "priority",
  "sla",
  "q",
  "from",
  "to",
  "assignee",
  "unassigned",
  "team",
  "processing",
  "confidenceBelow",
  "sort",
  "limit",
] as const;

/** The filter form's values as typed (strings, empty when unset), to refill the form. */
export type FilterValues = Record<typeof FIELDS[number], string>;

export interface ParsedList {
  query: ListQuery;
  values: FilterValues;
  /** Names of parameters that were invalid and ignored. */
  invalid: string[];
}

/**
 * Read `/complaints` query parameters with the API's schema. Invalid parameters are dropped
 * (and reported) rather than failing the page; empty form fields count as unset.
 */
export function parseListParams(params: URLSearchParams): ParsedList {
  const raw: Record<string, string> = {};
  for (const key of [...FIELDS, "page"]) {
    const v = params.get(key)?.trim();
    if (v) raw[key] = v;
  }
  const invalid: string[] = [];
  let result = listQuerySchema.safeParse(raw);
  while (!result.success) {
    const keys = [...new Set(result.error.issues.map((i) => String(i.path[0])))];
    const known = keys.filter((k) => k in raw);
    if (known.length === 0) throw result.error;
    for (const k of known) {
      invalid.push(k);
      delete raw[k];
    }
    result = listQuerySchema.safeParse(raw);
  }
  const values = Object.fromEntries(
    FIELDS.map((k) => [k, invalid.includes(k) ? "" : raw[k] ?? ""]),
  ) as FilterValues;
  return { query: result.data, values, invalid };
}

/** Link to a page of the list keeping the current filter. */
export function pageHref(values: FilterValues, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return qs ? `/complaints?${qs}` : "/complaints";
}
