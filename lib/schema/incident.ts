import { z } from "zod";
import { categorySchema } from "./complaint.ts";

/** Where an incident's alert went (Telegram's message), so joins and resolution edit it. */
export const incidentAlertSchema = z.object({
  state: z.enum(["sent", "failed"]),
  at: z.string(),
  chatId: z.string().optional(),
  messageId: z.number().int().optional(),
  lastError: z.string().optional(),
  /** When the alert was last edited to the incident's state. */
  editedAt: z.string().optional(),
  /** Members joined since that edit (it was too recent to edit again): the next one shows them. */
  stale: z.boolean().optional(),
});

/**
 * Many customers reporting the same thing at once: one record, its member complaints, one alert
 * edited as members join, resolved together.
 */
export const incidentSchema = z.object({
  id: z.string(),
  /** What they report, in a few words (the shared product or words). */
  title: z.string(),
  category: categorySchema,
  /** The words and products the members share: what a new complaint is compared with. */
  keywords: z.array(z.string()),
  products: z.array(z.string()),
  /** The analyzer's subcategories at least two members share. */
  subcategories: z.array(z.string()).default([]),
  status: z.enum(["open", "resolved"]),
  /**
   * How many complaints joined. The members themselves are the complaints carrying this
   * incident's id (`incidentId`): an outage with thousands of reports must not make every join
   * rewrite, and every match re-read, a list of them all.
   */
  memberCount: z.number().int().min(0),
  /** Distinct customer addresses among the members. */
  customerCount: z.number().int().min(0),
  firstAt: z.string(),
  lastAt: z.string(),
  alert: incidentAlertSchema.optional(),
  resolvedAt: z.string().optional(),
  resolvedBy: z.string().optional(),
  note: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Incident = z.infer<typeof incidentSchema>;

/**
 * An incident as a store read it: records written before the counts (with the member and
 * customer lists inside) get their counts from those lists, which are dropped.
 */
export function incidentFromStored(doc: Record<string, unknown>): Incident {
  const { memberIds, customers, ...rest } = doc as Record<string, unknown> & {
    memberIds?: unknown[];
    customers?: unknown[];
  };
  return {
    ...rest,
    memberCount: (rest.memberCount as number | undefined) ?? memberIds?.length ?? 0,
    customerCount: (rest.customerCount as number | undefined) ?? customers?.length ?? 0,
  } as Incident;
}
export type IncidentStatus = Incident["status"];

/** `GET /incidents` query. */
export const incidentQuerySchema = z.object({
  status: z.enum(["open", "resolved"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** `GET /incidents/:id`: which page of its members (newest first). */
export const incidentMembersQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** `POST /incidents/:id/resolve`: the note every member gets. */
export const incidentResolveSchema = z.object({
  note: z.string().trim().min(1).max(5000),
}).strict();
