import type { Analysis } from "../analyze/port.ts";
import type { Label } from "./labels.ts";

export const ENTITY_KINDS = ["orderNumbers", "amounts", "dates", "products"] as const;
export type EntityKind = typeof ENTITY_KINDS[number];
type Gold = Label["entities"];
type Value = string | { value: number; currency: string };

/** Accuracy and a confusion matrix (gold rows × predicted columns). */
export interface Confusion {
  classes: string[];
  matrix: Record<string, Record<string, number>>;
  correct: number;
  total: number;
  accuracy: number;
}

/** Builds a confusion matrix from (gold, predicted) pairs. */
export function confusion(pairs: [string, string][], classes: readonly string[]): Confusion {
  const all = [...new Set([...classes, ...pairs.flat()])];
  const matrix = Object.fromEntries(
    all.map((g) => [g, Object.fromEntries(all.map((p) => [p, 0]))]),
  );
  let correct = 0;
  for (const [g, p] of pairs) {
    matrix[g][p]++;
    if (g === p) correct++;
  }
  return {
    classes: all,
    matrix,
    correct,
    total: pairs.length,
    accuracy: pairs.length ? correct / pairs.length : 0,
  };
}

/** Normal form used to compare order numbers and products: case, spacing, "#"/"№" ignored. */
export function normalizeId(s: string): string {
  return s.toLowerCase().replace(/^[#№]\s*/, "").replace(/[\s\u00a0]+/g, " ").trim();
}

/** Whether a predicted value matches a gold value of the given kind. */
export function entityMatches(kind: EntityKind, gold: Value, pred: Value): boolean {
  if (kind === "amounts") {
    const g = gold as { value: number; currency: string };
    const p = pred as { value: number; currency: string };
    return Math.abs(g.value - p.value) < 0.005 &&
      g.currency.toUpperCase() === p.currency.toUpperCase();
  }
  const g = normalizeId(gold as string);
  const p = normalizeId(pred as string);
  if (kind === "products") {
    // A product name may carry one more or one less trailing word (colour, "kit") and still be it.
    return g === p || (p.startsWith(g + " ") && p.split(" ").length - g.split(" ").length <= 1) ||
      (g.startsWith(p + " ") && g.split(" ").length - p.split(" ").length <= 1 && /\d/.test(p));
  }
  return g === p;
}

export interface EntityMatch {
  tp: number;
  fp: number;
  fn: number;
  missed: Value[];
  extra: Value[];
}

/** One-to-one matching of predicted against gold values. */
export function matchEntities(kind: EntityKind, gold: Value[], pred: Value[]): EntityMatch {
  const used = new Set<number>();
  const missed: Value[] = [];
  for (const g of gold) {
    const i = pred.findIndex((p, j) => !used.has(j) && entityMatches(kind, g, p));
    if (i >= 0) used.add(i);
    else missed.push(g);
  }
  const extra = pred.filter((_, j) => !used.has(j));
  return { tp: gold.length - missed.length, fp: extra.length, fn: missed.length, missed, extra };
}

const MONTH_NAMES: Record<number, string> = {
  1: "jan|январ|қаңтар",
  2: "feb|феврал|ақпан",
  3: "mar|март|наурыз",
  4: "apr|апрел|сәуір",
  5: "may|ма[йя]|мамыр",
  6: "jun|июн|маусым",
  7: "jul|июл|шілде",
  8: "aug|август|тамыз",
  9: "sep|сентябр|қыркүйек",
  10: "oct|октябр|қазан",
  11: "nov|ноябр|қараша",
  12: "dec|декабр|желтоқсан",
};

/**
 * Whether a gold entity is literally present in text we can read without an extractor (body and
 * text attachments). Used to tell labels whose evidence is only in binary attachments.
 */
export function presentInText(kind: EntityKind, value: Value, text: string): boolean {
  const t = text.toLowerCase().replace(/[\s\u00a0\u2009\u202f]+/g, " ");
  if (kind === "orderNumbers" || kind === "products") {
    return t.includes(normalizeId(value as string));
  }
  if (kind === "amounts") {
    const v = (value as { value: number }).value;
    const int = String(Math.trunc(v));
    const groups = int.replace(/\B(?=(\d{3})+(?!\d))/g, "[ ,.]?");
    return new RegExp(`(?<!\\d)${groups}(?!\\d)`).test(t);
  }
  const [y, m, d] = (value as string).split("-").map(Number);
  const dd = String(d).padStart(2, "0");
  const mm = String(m).padStart(2, "0");
  const forms = [
    `${y}-${mm}-${dd}`,
    `(?<!\\d)0?${d}[./]${mm}(?!\\d)`,
    `(?<!\\d)0?${d}(st|nd|rd|th)?( of)? (${MONTH_NAMES[m]})`,
    `(${MONTH_NAMES[m]})\\p{L}*\\.? 0?${d}(?!\\d)`,
  ];
  return forms.some((f) => new RegExp(f, "u").test(t));
}

/** One evaluated email: gold labels, the analysis, and the text readable without extractors. */
export interface Scored {
  label: Label;
  analysis: Analysis;
  readableText: string;
}

export interface EntityScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** Recall over gold values present in readable text. */
  readableRecall: number;
  readableTotal: number;
  /** Gold values found only in binary attachments, and how many of them we still got. */
  binaryOnlyTotal: number;
  binaryOnlyFound: number;
}

export interface Report {
  n: number;
  category: Confusion;
  priority: Confusion;
  language: Confusion;
  sentiment: Confusion;
  entities: Record<EntityKind, EntityScore>;
  /** Mean confidence of correct and of wrong category predictions. */
  confidence: { correct: number; wrong: number };
  errors: { file: string; field: string; gold: string; pred: string }[];
}

const ratio = (a: number, b: number) => (b ? a / b : 1);

/** Scores a set of analyses against their labels. */
export function scoreRun(items: Scored[]): Report {
  const errors: Report["errors"] = [];
  const pairs = (field: "category" | "priority" | "language" | "sentiment") =>
    items.map(({ label, analysis }): [string, string] => {
      const g = String(label[field]);
      const p = String(analysis[field]);
      if (g !== p) errors.push({ file: label.file, field, gold: g, pred: p });
      return [g, p];
    });
  const category = confusion(
    pairs("category"),
    ["returns", "delivery", "quality", "technical", "billing", "other"],
  );
  const priority = confusion(pairs("priority"), ["low", "medium", "high", "critical"]);
  const language = confusion(pairs("language"), ["en", "ru", "kk"]);
  const sentiment = confusion(pairs("sentiment"), ["negative", "neutral", "positive"]);

  const entities = {} as Record<EntityKind, EntityScore>;
  for (const kind of ENTITY_KINDS) {
    const s = { tp: 0, fp: 0, fn: 0, readableHit: 0, readableTotal: 0, binTotal: 0, binHit: 0 };
    for (const { label, analysis, readableText } of items) {
      const gold = (label.entities as Gold)[kind] as Value[];
      const pred = (analysis.entities[kind] ?? []) as Value[];
      const m = matchEntities(kind, gold, pred);
      s.tp += m.tp;
      s.fp += m.fp;
      s.fn += m.fn;
      for (const g of gold) {
        const found = !m.missed.includes(g);
        if (presentInText(kind, g, readableText)) {
          s.readableTotal++;
          if (found) s.readableHit++;
        } else {
          s.binTotal++;
          if (found) s.binHit++;
        }
      }
      for (const g of m.missed) {
        errors.push({ file: label.file, field: kind, gold: JSON.stringify(g), pred: "" });
      }
      for (const p of m.extra) {
        errors.push({ file: label.file, field: kind, gold: "", pred: JSON.stringify(p) });
      }
    }
    entities[kind] = {
      tp: s.tp,
      fp: s.fp,
      fn: s.fn,
      precision: ratio(s.tp, s.tp + s.fp),
      recall: ratio(s.tp, s.tp + s.fn),
      readableRecall: ratio(s.readableHit, s.readableTotal),
      readableTotal: s.readableTotal,
      binaryOnlyTotal: s.binTotal,
      binaryOnlyFound: s.binHit,
    };
  }

  const conf = { correct: [] as number[], wrong: [] as number[] };
  for (const { label, analysis } of items) {
    (label.category === analysis.category ? conf.correct : conf.wrong).push(analysis.confidence);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    n: items.length,
    category,
    priority,
    language,
    sentiment,
    entities,
    confidence: { correct: mean(conf.correct), wrong: mean(conf.wrong) },
    errors,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Renders a confusion matrix as an aligned text table. */
export function formatConfusion(title: string, c: Confusion): string {
  const w = Math.max(9, ...c.classes.map((k) => k.length + 1));
  const head = "gold\\pred".padEnd(w) + c.classes.map((k) => k.padStart(w)).join("");
  const rows = c.classes.map((g) =>
    g.padEnd(w) + c.classes.map((p) => String(c.matrix[g][p] || ".").padStart(w)).join("")
  );
  return `${title}: ${pct(c.accuracy)} (${c.correct}/${c.total})\n${head}\n${rows.join("\n")}`;
}

/** Renders a report for the terminal. */
export function formatReport(title: string, r: Report, matrices = true): string {
  const lines = [`== ${title} (${r.n} emails)`];
  if (matrices) {
    lines.push(formatConfusion("category", r.category), formatConfusion("priority", r.priority));
  } else {
    lines.push(`category: ${pct(r.category.accuracy)}  priority: ${pct(r.priority.accuracy)}`);
  }
  lines.push(
    `language: ${pct(r.language.accuracy)}  sentiment: ${pct(r.sentiment.accuracy)}  ` +
      `confidence when right ${r.confidence.correct.toFixed(2)}, when wrong ${
        r.confidence.wrong.toFixed(2)
      }`,
  );
  lines.push("entity        precision  recall  recall(readable text)  binary-only found");
  for (const k of ENTITY_KINDS) {
    const e = r.entities[k];
    lines.push(
      k.padEnd(14) + pct(e.precision).padStart(9) + pct(e.recall).padStart(8) +
        `${pct(e.readableRecall)} of ${e.readableTotal}`.padStart(23) +
        `${e.binaryOnlyFound}/${e.binaryOnlyTotal}`.padStart(19),
    );
  }
  return lines.join("\n");
}
