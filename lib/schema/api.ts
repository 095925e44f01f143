import { z } from "zod";
import { complaintSchema, OUTBOUND_STATES, prioritySchema, statusSchema } from "./complaint.ts";
import { agentSchema } from "./agent.ts";

/**
 * Shapes of the API's answers, for its OpenAPI document (functions/api/openapi.ts): written once
 * here, checked against the handlers by the docs test's examples and the API tests.
 */

/** Every error answer: `{"error": {"code", "message", "requestId"}}`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
  }),
});

/** A page of a list. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    page: z.number().int().min(1),
    limit: z.number().int().min(1),
  });
}

/** The answer to an email taken in (ingest, `/process-manual`, `/process-eml`, `POST /complaints`). */
export const ingestAnswerSchema = z.union([
  z.object({
    id: z.string(),
    status: statusSchema,
    category: z.string(),
    priority: prioritySchema,
    processing: z.string(),
    duplicateOf: z.string().optional(),
    existing: z.literal(true).optional(),
  }),
  z.object({ id: z.string(), threaded: z.literal(true) }),
  z.object({ ignored: z.string() }),
  z.object({
    id: z.string(),
    status: z.literal("processing"),
    processed: z.string().optional(),
    existing: z.literal(true).optional(),
  }),
]);

/** An agent as the API shows one: no password hash, no session epoch. */
export const agentViewSchema = agentSchema.omit({ passwordHash: true, sessionEpoch: true });

/** An outbound message (a reply) as the API shows it. */
export const replyViewSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  state: z.enum(OUTBOUND_STATES),
  label: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  by: z.string().optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  attachments: z.array(
    z.object({ filename: z.string(), contentType: z.string(), size: z.number() }),
  ),
});

/** Counts for the dashboard (`GET /stats`). */
export const statsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number()),
  byCategory: z.record(z.string(), z.number()),
  byPriority: z.record(z.string(), z.number()),
  perDay: z.array(z.object({ day: z.string(), count: z.number() })),
  /** Claude's calls, tokens and estimated cost per day, newest first (the last 14 days). */
  claude: z.array(z.object({
    day: z.string(),
    models: z.array(z.string()),
    calls: z.number().int(),
    input: z.number().int(),
    output: z.number().int(),
    cacheRead: z.number().int(),
    cacheWrite: z.number().int(),
    costUsd: z.number().nullable(),
  })),
});

/** A complaint as lists return it (the history left out). */
export const complaintListItemSchema = complaintSchema;

/** Any JSON object: answers documented by description (their fields are listed in the README). */
export const objectSchema = z.looseObject({});

/** `POST /complaints/:id/merge`: the complaint (id or reference) merged into this one. */
export const mergeRequestSchema = z.object({
  source: z.string().trim().min(1).max(100),
}).strict();

/** `POST /complaints/:id/presence`: what the agent is doing on the page. */
export const presenceRequestSchema = z.object({
  state: z.enum(["viewing", "replying"]),
}).strict();

/** `POST /complaints/:id/split`: the customer's message (its Message-ID) to make a complaint. */
export const splitRequestSchema = z.object({
  messageId: z.string().trim().min(1).max(998),
}).strict();
