/**
 * The hand-made MIME probes in ../shared/corpus/probes (one misreading each, see the README
 * there) and what reading each must give. Shared by the parser's and the ingest's corpus
 * tests, so both hold the same rule: the customer's text in the description exactly once,
 * nothing they wrote dropped or reordered.
 */

export const PROBES_DIR = new URL("../../../shared/corpus/probes/", import.meta.url);

/** The sentence every probe carries (all but the two whose shape needs other text). */
export const CUSTOMER_SENTENCE = "My order 12345 arrived damaged and I want a refund.";

/** What a probe was read as: by parseEmail, or as the complaint ingest built. */
export interface ProbeReading {
  description: string;
  attachmentNames: string[];
  /** Parser warnings (a complaint keeps them as `parseWarnings`). */
  warnings?: string[];
}

/** The probe files, sorted. */
export function probeFiles(): string[] {
  return [...Deno.readDirSync(PROBES_DIR)].filter((e) => e.isFile && e.name.endsWith(".eml"))
    .map((e) => e.name).sort();
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

function occurrences(haystack: string, needle: string): number {
  const h = squash(haystack);
  const n = squash(needle);
  let count = 0;
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + n.length)) count++;
  return count;
}

/** The body of a single-part probe as written, read from the raw bytes (not by lib/mime). */
function rawBody(raw: Uint8Array): string {
  const text = new TextDecoder().decode(raw).replace(/\r\n/g, "\n");
  return text.slice(text.indexOf("\n\n") + 2).trim();
}

/** What is wrong with `got` for probe `file` ([] when it reads as the README expects). */
export function probeProblems(file: string, raw: Uint8Array, got: ProbeReading): string[] {
  const problems: string[] = [];
  const once = (text: string) => {
    const n = occurrences(got.description, text);
    if (n !== 1) {
      problems.push(`"${text}" appears ${n} times in ${JSON.stringify(got.description)}`);
    }
  };
  if (file.startsWith("p05-")) {
    // A plain-text body quoting a MIME part: the whole body, as written and in order.
    const body = rawBody(raw);
    if (squash(got.description) !== squash(body)) {
      problems.push(`description ${JSON.stringify(got.description)} is not the body as written`);
    }
    for (const line of body.split("\n").filter((l) => /[a-z]{3,} [a-z]{2,}/i.test(l))) once(line);
  } else if (file.startsWith("p06-")) {
    once("See below.");
    once("I was charged twice.");
    const eml = got.attachmentNames.find((n) => n.endsWith(".eml")) ?? "";
    // Named after the whole subject "Invoice 2024/117 charged twice" ("/" may be replaced).
    if (!/^Invoice 2024.117 charged twice\.eml$/.test(eml)) {
      problems.push(`forwarded message named ${JSON.stringify(eml)}`);
    }
  } else {
    once(CUSTOMER_SENTENCE);
  }
  if (file.startsWith("p08-") && got.warnings && got.warnings.length === 0) {
    problems.push("recovered without a warning");
  }
  return problems.map((p) => `${file}: ${p}`);
}
