import { CATEGORY_INFO, type Complaint, type Priority } from "../schema/complaint.ts";

/** Telegram's limit on a message's text. */
export const MAX_MESSAGE = 4096;

/** What an alert message shows. */
export interface AlertView {
  complaint: Complaint;
  kind: "new" | "escalation";
  level: number;
  /** Base of the deep link (`PUBLIC_URL`); without it the link is a bare path. */
  publicUrl?: string;
  /** A last line saying who acted on it (after an inline button). */
  acted?: string;
}

// Each customer-controlled part has its own budget (in escaped characters), so the sum of all
// parts stays far below MAX_MESSAGE whatever the customer sends.
const BUDGET = {
  name: 120,
  email: 200,
  subject: 300,
  summary: 600,
  entity: 80,
  entities: 600,
  flags: 200,
  acted: 200,
} as const;

const MARK: Record<Priority, string> = { critical: "🔴", high: "🟠", medium: "🟡", low: "⚪" };

/** Escape text for Telegram's HTML parse mode (and for a double-quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * One line of displayable text: controls and line breaks become spaces, and explicit
 * bidirectional overrides/isolates are dropped so an RTL trick in a name cannot reorder the rest of
 * the message (right-to-left letters themselves stay).
 */
export function cleanText(text: string): string {
  return text
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Clean, escape and cut text to at most `max` characters of HTML. The cut falls between whole
 * characters (never inside an entity like `&amp;`, a surrogate pair or an emoji sequence) and
 * ends with "…".
 */
export function clip(text: string, max: number): string {
  const clean = cleanText(text);
  const whole = escapeHtml(clean);
  if (whole.length <= max) return whole;
  let out = "";
  for (const { segment } of segmenter.segment(clean)) {
    const piece = escapeHtml(segment);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}

/** The complaint's page: `PUBLIC_URL/complaints/<id>`. */
export function complaintLink(publicUrl: string | undefined, id: string): string {
  const base = (publicUrl ?? "").replace(/\/+$/, "");
  return `${base}/complaints/${encodeURIComponent(id)}`;
}

/** The alert's HTML text: every customer string escaped, the whole within MAX_MESSAGE. */
export function alertMessage(view: AlertView): string {
  const c = view.complaint;
  const lines: string[] = [];
  const head = view.kind === "escalation"
    ? `⏫ <b>Escalated to level ${view.level}</b> — SLA overdue`
    : `${MARK[c.priority]} <b>New ${c.priority.toUpperCase()} complaint</b> · level ${view.level}`;
  lines.push(head);
  lines.push(
    `<b>Priority:</b> ${c.priority} · <b>Category:</b> ${
      escapeHtml(CATEGORY_INFO[c.category].label)
    }` +
      (c.team ? ` · <b>Team:</b> ${clip(c.team, 60)}` : ""),
  );
  const name = c.customer.name ? `${clip(c.customer.name, BUDGET.name)} ` : "";
  lines.push(`<b>Customer:</b> ${name}&lt;${clip(c.customer.email, BUDGET.email)}&gt;`);
  lines.push(`<b>Subject:</b> ${clip(c.subject || "(no subject)", BUDGET.subject)}`);
  const summary = c.analysis?.summary || c.description;
  if (summary.trim()) lines.push(`<b>Summary:</b> ${clip(summary, BUDGET.summary)}`);
  const entities = entityText(c);
  if (entities) lines.push(`<b>Entities:</b> ${entities}`);
  if (c.tags.length > 0) lines.push(`<b>Flags:</b> ${clip(c.tags.join(", "), BUDGET.flags)}`);
  if (c.slaDueAt) lines.push(`<b>SLA due:</b> ${formatInstant(c.slaDueAt)}`);
  if (c.assignee) lines.push(`<b>Assignee:</b> ${clip(c.assignee, BUDGET.email)}`);
  const href = complaintLink(view.publicUrl, c.id);
  lines.push(
    view.publicUrl
      ? `<a href="${escapeHtml(href)}">Open complaint ${escapeHtml(c.id)}</a>`
      : `Open: ${escapeHtml(href)}`,
  );
  if (view.acted) lines.push("", `✅ ${clip(view.acted, BUDGET.acted)}`);
  return lines.join("\n").slice(0, MAX_MESSAGE); // never reached with the budgets; a last guard
}

/** Order numbers, amounts, products and dates; phone numbers stay out of a shared channel. */
function entityText(c: Complaint): string {
  const e = c.entities;
  const groups: [string, string[]][] = [
    ["orders", e.orderNumbers],
    ["amounts", e.amounts.map((a) => `${a.value} ${a.currency}`)],
    ["products", e.products],
    ["dates", e.dates],
  ];
  const parts: string[] = [];
  let used = 0;
  for (const [label, values] of groups) {
    const shown: string[] = [];
    for (const v of values) {
      const piece = clip(v, BUDGET.entity);
      if (!piece || used + piece.length > BUDGET.entities) break;
      shown.push(piece);
      used += piece.length + 2;
    }
    if (shown.length > 0) parts.push(`${label} ${shown.join(", ")}`);
  }
  return parts.join("; ");
}

/** "2026-09-07 11:00 UTC". */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return escapeHtml(iso);
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
