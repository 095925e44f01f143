import { z } from "zod";
import {
  CATEGORIES,
  type Category,
  CATEGORY_INFO,
  categorySchema,
  type Entities,
  prioritySchema,
  sentimentSchema,
} from "../schema/complaint.ts";

/** Teams an analysis may route to: the owners of the categories. */
export const TEAMS = [...new Set(CATEGORIES.map((c) => CATEGORY_INFO[c].team))] as [
  string,
  ...string[],
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const flagsSchema = z.object({
  legal: z.boolean().describe("Threatens legal action, a lawyer, court or a regulator."),
  compensation: z.boolean().describe("Asks for a refund, compensation, discount or damages."),
  safety: z.boolean().describe("Injury, fire, smoke, electric shock, allergy or other hazard."),
  fraud: z.boolean().describe("Unauthorised charge, stolen account or suspected fraud."),
  followUp: z.boolean().describe("Repeats an earlier contact or answers an earlier reply."),
});
export type Flags = z.infer<typeof flagsSchema>;

export const analysisEntitiesSchema = z.object({
  orderNumbers: z.array(z.string().min(1)).describe("Order ids exactly as written."),
  amounts: z.array(z.object({
    value: z.number(),
    currency: z.string().regex(/^[A-Z]{3}$/).describe("ISO 4217 code, e.g. USD, EUR, KZT, RUB."),
  })),
  dates: z.array(z.string().regex(ISO_DATE)).describe(
    "Calendar dates mentioned, ISO 8601 (YYYY-MM-DD); relative dates resolved against the email date.",
  ),
  products: z.array(z.string().min(1)),
  phones: z.array(z.string().min(1)),
  emails: z.array(z.string().min(3)),
});

/**
 * The one analysis schema: what every analyzer produces about one email. It is Claude's tool
 * input schema (as JSON Schema) and what its reply is validated against.
 */
export const analysisSchema = z.object({
  category: categorySchema,
  subcategory: z.string().max(80).describe("A short snake_case refinement of the category."),
  priority: prioritySchema,
  sentiment: sentimentSchema,
  sentimentScore: z.number().min(-1).max(1).describe("-1 very negative … 1 very positive."),
  confidence: z.number().min(0).max(1).describe("How sure the category and priority are, 0–1."),
  language: z.string().regex(/^([a-z]{2}|und)$/).describe(
    "ISO 639-1 code of the customer's own words (en, ru, kk…); und if unclear.",
  ),
  summary: z.string().min(1).max(400).describe("One sentence for the agent, in English."),
  entities: analysisEntitiesSchema,
  flags: flagsSchema,
  escalationLevel: z.number().int().min(0).max(3).describe(
    "0 routine, 1 attention, 2 senior agent, 3 management/legal today.",
  ),
  suggestedTeam: z.enum(TEAMS),
});
export type StrictAnalysis = z.infer<typeof analysisSchema>;

/** The analysis schema as JSON Schema, for a tool's `input_schema`. */
export function analysisJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(analysisSchema, { target: "draft-7" }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

/**
 * An analysis as analyzers hand it over: the schema's fields, where the ones added later
 * (flags, suggestedTeam, entities.emails) may be missing, plus free-form tags.
 */
export type Analysis =
  & Omit<StrictAnalysis, "flags" | "suggestedTeam" | "entities">
  & {
    entities: Entities & { emails?: string[] };
    flags?: Flags;
    suggestedTeam?: string;
    tags: string[];
  };

/** The analysis with every field present: what the complaint and the API carry. */
export type CompleteAnalysis = StrictAnalysis & { tags: string[] };

const FLAG_KEYS = ["legal", "compensation", "safety", "fraud", "followUp"] as const;

const LOCAL_PART = /[\p{L}\p{N}._%+-]+$/u;
const DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

/** Addresses in free text, lower-cased, in order of first appearance. */
export function extractEmails(text: string): string[] {
  const seen = new Set<string>();
  // Anchored on each "@" rather than a regex scan from every word (5× slower on long bodies);
  // matches as /local@domain/gu would, none starting inside the previous one.
  let end = 0;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    if (at < end) continue;
    const local = LOCAL_PART.exec(text.slice(Math.max(end, at - 256), at));
    if (!local) continue;
    const domain = DOMAIN.exec(text.slice(at + 1, at + 256));
    if (!domain) continue;
    seen.add(`${local[0]}@${domain[0]}`.replace(/\.+$/, "").toLowerCase());
    end = at + 1 + domain[0].length;
  }
  return [...seen];
}

/**
 * Fill what an analyzer left out: flags from its tags (and tags from its flags), the team of
 * its category, and e-mail addresses from `text`.
 */
export function completeAnalysis(analysis: Analysis, text = ""): CompleteAnalysis {
  const tags = new Set(analysis.tags ?? []);
  const flags = analysis.flags ??
    Object.fromEntries(FLAG_KEYS.map((k) => [k, tags.has(k)])) as Flags;
  for (const k of FLAG_KEYS) if (flags[k]) tags.add(k);
  const suggested = analysis.suggestedTeam;
  return {
    ...analysis,
    entities: { ...analysis.entities, emails: analysis.entities.emails ?? extractEmails(text) },
    flags,
    suggestedTeam: suggested && (TEAMS as string[]).includes(suggested)
      ? suggested
      : CATEGORY_INFO[analysis.category as Category].team,
    tags: [...tags],
  };
}
