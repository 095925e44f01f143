import { z } from "zod";
import { categorySchema } from "./complaint.ts";

/**
 * A saved reply: text agents insert into their answer, with variables filled from the complaint
 * (`{{customer.name}}`, `{{ref}}`, `{{order}}`, `{{agent.name}}`…). Shared, or one team's.
 */
export const savedReplySchema = z.object({
  id: z.string().min(1),
  title: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(20_000),
  /** "" = shared with every team. */
  team: z.string().trim().max(100),
  /** The category it answers best, when it is about one (drafts prefer it). */
  category: categorySchema.optional(),
  /** The language it is written in (ISO 639-1), when known. */
  language: z.string().trim().max(8).optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedReply = z.infer<typeof savedReplySchema>;

/** A language as people send it: blank is no language ("any"), never a stored empty code. */
const languageInput = savedReplySchema.shape.language.unwrap();

/** Creating one (form or API): the server sets id, author and times. */
export const savedReplyCreateSchema = savedReplySchema.pick({
  title: true,
  body: true,
  category: true,
}).extend({
  team: savedReplySchema.shape.team.default(""),
  language: languageInput.transform((v) => v || undefined).optional(),
}).strict();
export type SavedReplyCreate = z.infer<typeof savedReplyCreateSchema>;

/**
 * Changing one: any of the same fields. Built from the stored shape, not the create one: a
 * field left out must stay as it is, not take create's default (a team's reply made shared).
 * `null` (or a blank language) clears the category or language back to "any"; the team is never null ("" = everyone).
 */
export const savedReplyPatchSchema = savedReplySchema.pick({
  title: true,
  body: true,
  team: true,
}).partial().extend({
  category: savedReplySchema.shape.category.unwrap().nullable().optional(),
  language: languageInput.transform((v) => v || null).nullable().optional(),
}).strict();
export type SavedReplyPatch = z.infer<typeof savedReplyPatchSchema>;
