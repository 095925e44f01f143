import { z } from "zod";

export const CATEGORIES = [
  "returns",
  "delivery",
  "quality",
  "technical",
  "billing",
  "other",
] as const;
export const PRIORITIES = ["low", "medium", "high", "critical"] as const;
export const STATUSES = [
  "new",
  "in_progress",
  "waiting",
  "resolved",
  "closed",
  "duplicate",
] as const;
/**
 * Statuses in which nobody has to act any more: no SLA clock, no escalation, no alert. The one
 * list the policy, the notifier and both stores' SLA filters use.
 */
export const CLOSED_STATUSES: readonly Status[] = ["resolved", "closed", "duplicate"];
export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
/**
 * `failed` is retried with back-off; `dead` gave up after RETRY_MAX_ATTEMPTS and waits for an
 * agent ("Needs attention", Reprocess).
 */
export const PROCESSING_STATES = ["pending", "done", "failed", "dead"] as const;

export const categorySchema = z.enum(CATEGORIES);
export const prioritySchema = z.enum(PRIORITIES);
export const statusSchema = z.enum(STATUSES);
export const sentimentSchema = z.enum(SENTIMENTS);

export type Category = z.infer<typeof categorySchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type Status = z.infer<typeof statusSchema>;
export type Sentiment = z.infer<typeof sentimentSchema>;

export const amountSchema = z.object({ value: z.number(), currency: z.string() });

export const entitiesSchema = z.object({
  orderNumbers: z.array(z.string()).default([]),
  amounts: z.array(amountSchema).default([]),
  dates: z.array(z.string()).default([]),
  products: z.array(z.string()).default([]),
  phones: z.array(z.string()).default([]),
  /** Absent on complaints analysed before addresses were extracted. */
  emails: z.array(z.string()).optional(),
});
export type Entities = z.infer<typeof entitiesSchema>;

export const extractionSchema = z.object({
  status: z.enum(["done", "skipped", "failed"]),
  method: z.string().optional(),
  pages: z.number().int().optional(),
  ms: z.number().optional(),
  reason: z.string().optional(),
  /** Read before (the same bytes, the same settings): this record was reused, not re-extracted. */
  reused: z.boolean().optional(),
});

export const attachmentSchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  storageKey: z.string(),
  contentId: z.string().optional(),
  inline: z.boolean().default(false),
  detectedType: z.string().optional(),
  extraction: extractionSchema.optional(),
  extractedText: z.string().default(""),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const historyEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const analysisInfoSchema = z.object({
  analyzer: z.string(),
  model: z.string().optional(),
  version: z.string().optional(),
  ms: z.number(),
  cached: z.boolean().default(false),
  /** Tokens the analysis used (Claude): input (cached included), output, cache reads/writes. */
  tokens: z.object({
    input: z.number(),
    output: z.number(),
    cacheRead: z.number().optional(),
    cacheWrite: z.number().optional(),
    calls: z.number().optional(),
  }).optional(),
  summary: z.string().optional(),
  /** The team the analyzer suggested (routing itself follows the escalation policy). */
  suggestedTeam: z.string().optional(),
  /** Set when the configured analyzer (Claude) failed and the local one answered. */
  fallback: z.object({ from: z.string(), reason: z.string() }).optional(),
  /** Why the configured analyzer was not asked (`exact_duplicate`, `flood`): the local one read it. */
  skipped: z.string().optional(),
  /** An agent's correction of a complaint this much alike carried over (the analyzer learns). */
  learned: z.object({ similarity: z.number(), from: z.string() }).optional(),
});

/** Signals the analysis raised; absent on complaints analysed before flags existed. */
export const complaintFlagsSchema = z.object({
  legal: z.boolean(),
  compensation: z.boolean(),
  safety: z.boolean(),
  fraud: z.boolean(),
  followUp: z.boolean(),
});

export const processingSchema = z.object({
  state: z.enum(PROCESSING_STATES),
  attempts: z.number().int().nonnegative().default(0),
  lastError: z.string().optional(),
  nextAttemptAt: z.string().optional(),
});
export type Processing = z.infer<typeof processingSchema>;

/**
 * Where an outbound message is: `queued` (being sent), `sent` (an SMTP server took it), `failed`
 * (kept; the job retries it with back-off), `outbox` (no SMTP configured: kept as an `.eml`).
 */
export const OUTBOUND_STATES = ["queued", "sent", "failed", "outbox"] as const;

/**
 * A later message on a complaint's thread: a customer's reply (`inbound`) or our answer to the
 * customer (`outbound`, with its delivery state).
 */
export const threadMessageSchema = z.object({
  /** Absent = inbound (every message before replies existed, and code that builds one). */
  direction: z.enum(["inbound", "outbound"]).optional(),
  messageId: z.string(),
  from: z.string(),
  subject: z.string().default(""),
  text: z.string().default(""),
  attachments: z.array(attachmentSchema).default([]),
  receivedAt: z.string(),
  sentAt: z.string().optional(),
  analysis: z.object({
    category: categorySchema,
    priority: prioritySchema,
    sentiment: sentimentSchema,
    summary: z.string().default(""),
  }).optional(),
  /** Outbound only: the recipient and the ids it replies to (kept so a retry sends the same mail). */
  to: z.string().optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  state: z.enum(OUTBOUND_STATES).optional(),
  attempts: z.number().int().nonnegative().optional(),
  lastError: z.string().optional(),
  /** When the job sends it again (a failed send, or a queued one a crash may have left). */
  nextAttemptAt: z.string().optional(),
  /** The agent who wrote it. */
  by: z.string().optional(),
  /** Sent by the product itself (the acknowledgement), with `Auto-Submitted: auto-replied`. */
  auto: z.boolean().optional(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

/** One alert sent (or being sent) for a complaint: at most one per kind and level. */
export const alertRecordSchema = z.object({
  kind: z.enum(["new", "escalation"]),
  level: z.number().int().min(0).max(3),
  state: z.enum(["pending", "sent", "failed"]),
  /** When it was claimed, sent or last failed. */
  at: z.string(),
  attempts: z.number().int().nonnegative().default(0),
  messageId: z.number().int().optional(),
  chatId: z.string().optional(),
  lastError: z.string().optional(),
  nextAttemptAt: z.string().optional(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

/** The complaint: the one source of truth for types, validation and the API's shape. */
export const complaintSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  customer: z.object({ email: z.string(), name: z.string().default("") }),
  subject: z.string().default(""),
  description: z.string().default(""),
  bodyHtml: z.string().default(""),
  language: z.string().default("und"),
  category: categorySchema.default("other"),
  subcategory: z.string().default(""),
  priority: prioritySchema.default("medium"),
  sentiment: sentimentSchema.default("neutral"),
  /** -1 very negative … 1 very positive. */
  sentimentScore: z.number().min(-1).max(1).optional(),
  confidence: z.number().min(0).max(1).default(0),
  status: statusSchema.default("new"),
  assignee: z.string().nullable().default(null),
  team: z.string().default(""),
  escalationLevel: z.number().int().min(0).max(3).default(0),
  /** When the SLA falls due (set by the escalation policy from the priority). */
  slaDueAt: z.string().optional(),
  /** From here on the complaint counts as due soon. */
  slaWarnAt: z.string().optional(),
  /** The first-response deadline (SLA_FIRST_RESPONSE_HOURS), when one is set. */
  slaFirstResponseDueAt: z.string().optional(),
  /** The resolution deadline (SLA_*_HOURS in business time, moved by waiting). */
  slaResolutionDueAt: z.string().optional(),
  /** First answer and time spent waiting on the customer (lib/escalation/sla.ts). */
  slaClock: z.object({
    firstResponseAt: z.string().optional(),
    pausedAt: z.string().optional(),
    pausedMs: z.number().min(0),
  }).optional(),
  /** Alerts sent for this complaint (Telegram or log), once per kind and level; absent = none. */
  alerts: z.array(alertRecordSchema).optional(),
  /** Earliest time a failed alert should be retried; absent when none is waiting. */
  alertRetryAt: z.string().optional(),
  /** Earliest time an outbound message (a reply) is due to be sent again; absent when none. */
  outboundRetryAt: z.string().optional(),
  /**
   * When the configured analyzer (Claude) should read it again: it was triaged by the local one
   * because Claude failed or was slow. Absent once Claude has read it, or it was given up.
   */
  modelRetryAt: z.string().optional(),
  /** Re-analyses tried so far (the job's back-off and limit). */
  modelRetryAttempts: z.number().int().min(0).optional(),
  /** When an agent last corrected its category or priority (the analyzer learns from these). */
  triageCorrectedAt: z.string().optional(),
  /** When a drafted answer went out by itself (AUTO_REPLY_RULES); absent for agents' answers. */
  autoRepliedAt: z.string().optional(),
  /** Set once an agent merged this complaint into another: its page and thread lead there. */
  mergedInto: z.string().optional(),
  /** Set when an agent undid an automatic duplicate link: the original it was wrongly tied to. */
  notDuplicateOf: z.string().optional(),
  /** The incident it is part of (many customers reporting the same thing). */
  incidentId: z.string().optional(),
  /** The batch (CLAUDE_BATCH) its re-analysis was sent in, until its results are applied. */
  modelBatchId: z.string().optional(),
  tags: z.array(z.string()).default([]),
  /** What the MIME parser had to repair or guess to read the mail (shown to agents). */
  parseWarnings: z.array(z.string()).default([]),
  flags: complaintFlagsSchema.optional(),
  entities: entitiesSchema.default({
    orderNumbers: [],
    amounts: [],
    dates: [],
    products: [],
    phones: [],
  }),
  attachments: z.array(attachmentSchema).default([]),
  analysis: analysisInfoSchema.optional(),
  processing: processingSchema.default({ state: "done", attempts: 0 }),
  source: z.enum(["email", "manual", "test"]).default("email"),
  contentHash: z.string(),
  rawKey: z.string(),
  /** Key of the processed-email record this complaint came from. */
  ingestKey: z.string(),
  /** Short reference customers see in subjects (`[#K7Q2MX]`); replies carrying it join the thread. */
  ref: z.string().default(""),
  /** The original this complaint repeats (status `duplicate`), else null. */
  duplicateOf: z.string().nullable().default(null),
  /** Duplicates of this complaint. */
  relatedComplaints: z.array(z.string()).default([]),
  /** Replies joined to this complaint, oldest first (the first message is the complaint itself). */
  messages: z.array(threadMessageSchema).default([]),
  history: z.array(historyEntrySchema).default([]),
  /** When we received it (SLA clocks start here). */
  receivedAt: z.string(),
  /** The Date header, when it parses. */
  sentAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Complaint = z.infer<typeof complaintSchema>;

/** Fields an agent may change through PATCH; anything else is refused. */
export const complaintPatchSchema = z.strictObject({
  status: statusSchema.optional(),
  assignee: z.string().trim().max(200).nullable().optional(),
  priority: prioritySchema.optional(),
  note: z.string().trim().min(1).max(5000).optional(),
  /** Agents correct the analyzer's triage; history keeps the original value. */
  category: categorySchema.optional(),
  team: z.string().trim().min(1).max(100).optional(),
});
export type ComplaintPatch = z.infer<typeof complaintPatchSchema>;

/** What happened to every ingested message, keyed by Message-ID (or SHA-256 without one). */
export const processedEmailSchema = z.object({
  key: z.string(),
  messageId: z.string().optional(),
  sha256: z.string(),
  rawKey: z.string(),
  size: z.number().int().nonnegative(),
  from: z.string().default(""),
  subject: z.string().default(""),
  complaintId: z.string().nullable(),
  outcome: z.enum(["received", "created", "duplicate", "threaded", "failed", "ignored"]),
  reason: z.string().optional(),
  /** Runs of processing started by the retry job for a claim a crash left unfinished. */
  attempts: z.number().int().nonnegative().optional(),
  /** Set when this message reused another's Message-ID: the key the first one was claimed under. */
  messageIdReuseOf: z.string().optional(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});
export type ProcessedEmail = z.infer<typeof processedEmailSchema>;

export const listQuerySchema = z.object({
  status: statusSchema.optional(),
  category: categorySchema.optional(),
  priority: prioritySchema.optional(),
  q: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  assignee: z.string().trim().max(200).optional(),
  /** Only complaints nobody is assigned to ("Unassigned"). */
  unassigned: z.stringbool().optional(),
  /** Only complaints routed to this team ("My team"). */
  team: z.string().trim().max(100).optional(),
  /** Processing state: `dead` is the "Needs attention" view (retries given up). */
  processing: z.enum(PROCESSING_STATES).optional(),
  /** SLA state of open complaints; closed ones never match. */
  sla: z.enum(["on_time", "due_soon", "due_within_hour", "overdue"]).optional(),
  /** Only complaints the analyzer was less sure of than this (0–1): the "Low confidence" view. */
  confidenceBelow: z.coerce.number().min(0).max(1).optional(),
  /**
   * `newest` received first (the default); `sla`: open complaints by SLA due time, soonest first,
   * then those without one, closed ones last; `priority`: critical first, then by SLA due time.
   */
  sort: z.enum(["newest", "sla", "priority"]).optional(),
  /** The instant `sla` is judged at (default: now); callers pass their clock. */
  slaNow: z.iso.datetime({ offset: true }).optional(),
  /** Only complaints with a failed alert due for retry by this instant (the escalation job). */
  alertRetryBefore: z.iso.datetime({ offset: true }).optional(),
  /** Only complaints with an outbound message due to be sent again by this instant (the job). */
  outboundRetryBefore: z.iso.datetime({ offset: true }).optional(),
  /** Only complaints whose triage an agent corrected (newest first): the analyzer's examples. */
  corrected: z.stringbool().optional(),
  /** Only complaints answered by an automatic reply (AUTO_REPLY_RULES): the list of them. */
  autoReplied: z.stringbool().optional(),
  /** Only complaints whose automatic duplicate link an agent undid (the detector's misses). */
  notDuplicate: z.stringbool().optional(),
  /** Only complaints due for a re-analysis by Claude by this instant (the job). */
  modelRetryBefore: z.iso.datetime({ offset: true }).optional(),
  /** Only the members of this incident. */
  incidentId: z.string().trim().min(1).max(100).optional(),
  /** Only complaints from this customer address (case does not matter). */
  customer: z.string().trim().min(1).max(320).optional(),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface ListResult<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface Stats {
  total: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  byPriority: Record<string, number>;
  perDay: { day: string; count: number }[];
}

export const CATEGORY_INFO: Record<Category, { label: string; description: string; team: string }> =
  {
    returns: {
      label: "Returns",
      description: "Refund or return processing that is late, refused or wrong.",
      team: "returns",
    },
    delivery: {
      label: "Delivery",
      description: "Late, lost, damaged-in-transit or wrong deliveries.",
      team: "logistics",
    },
    quality: {
      label: "Quality",
      description: "Defective, broken or dangerous products.",
      team: "quality",
    },
    technical: {
      label: "Technical",
      description: "Website, app, account, payment-page and device set-up problems.",
      team: "tech_support",
    },
    billing: {
      label: "Billing",
      description: "Charges, invoices, instalments, double or unauthorised payments.",
      team: "billing",
    },
    other: {
      label: "Other",
      description: "Questions, feedback, staff behaviour, data requests and anything else.",
      team: "customer_service",
    },
  };
