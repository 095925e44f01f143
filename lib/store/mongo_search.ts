import type { Complaint } from "../schema/complaint.ts";
import { searchColumns, tokens } from "./query.ts";

/** What a complaint document carries for search, beside the complaint itself. */
export interface SearchFields {
  /** Distinct tokens of every searchable column (multikey-indexed: prefix lookups use it). */
  _tokens: string[];
  /** Columns as space-joined tokens, one line per column, for phrase matching. */
  _search: string;
}

/**
 * Tokens as the SQLite adapter's FTS5 `unicode61 remove_diacritics 2` sees them: lowercase
 * letters/digits with diacritics removed from Latin letters only (it folds "café" to "cafe" but
 * keeps "й" apart from "и"), so both adapters find the same complaints.
 */
export function searchTokens(text: string): string[] {
  const folded = text.normalize("NFD").replace(/(\p{Script=Latin})\p{Mn}+/gu, "$1").normalize(
    "NFC",
  );
  return tokens(folded);
}

/** The search fields of a complaint: the same three columns the SQLite FTS table indexes. */
export function searchFields(c: Complaint): SearchFields {
  const { subject, body, customer } = searchColumns(c);
  const columns = [subject, body, customer].map(searchTokens);
  return {
    _tokens: [...new Set(columns.flat())],
    _search: columns.map((t) => t.join(" ")).join("\n"),
  };
}

/**
 * A MongoDB filter for free text, with the SQLite adapter's semantics: every word must match;
 * a word is the phrase of its tokens inside one column, its last token a prefix. Only token
 * characters (letters, digits) reach the regexes, so no operator or regex syntax survives.
 * Returns null when nothing searchable is left.
 */
export function searchFilter(q: string): Record<string, unknown> | null {
  const words = q.split(/\s+/).map(searchTokens).filter((t) => t.length > 0);
  if (words.length === 0) return null;
  const clauses = words.map((t) =>
    t.length === 1
      // One token: a prefix of any token; anchored, so the multikey index bounds the scan.
      ? { _tokens: { $regex: `^${escapeRegex(t[0])}` } }
      : {
        $and: [
          { _tokens: t[0] },
          // Not `$all` with regexes: FerretDB answers it wrongly; `$and` of clauses works on both.
          { _search: { $regex: `(?:^| )${t.map(escapeRegex).join(" ")}`, $options: "m" } },
        ],
      }
  );
  return { $and: clauses };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
