import { z } from "zod";
import type { Env, Hono } from "hono";
import getAbsoluteFSPath from "swagger-ui-dist/absolute-path.js";
import { type ApiInfo, openApiDocument, type RouteDoc } from "../../lib/http/openapi.ts";
import {
  complaintPatchSchema,
  complaintSchema,
  listQuerySchema,
  processedEmailSchema,
} from "../../lib/schema/complaint.ts";
import { agentCreateSchema, agentPatchSchema } from "../../lib/schema/agent.ts";
import {
  agentViewSchema,
  errorBodySchema,
  ingestAnswerSchema,
  mergeRequestSchema,
  objectSchema,
  pageSchema,
  presenceRequestSchema,
  replyViewSchema,
  splitRequestSchema,
  statsSchema,
} from "../../lib/schema/api.ts";
import { manualSubmissionSchema } from "../../lib/pipeline/manual.ts";
import { replyRequestSchema } from "../../lib/outbound/request.ts";
import { analyzeRequestSchema, extractEntitiesRequestSchema } from "../../lib/analyze/request.ts";
import { SESSION_COOKIE } from "../../lib/auth/session.ts";
import { reportQuerySchema } from "../../lib/reports/report.ts";
import {
  savedReplyCreateSchema,
  savedReplyPatchSchema,
  savedReplySchema,
} from "../../lib/schema/saved_reply.ts";
import {
  incidentMembersQuerySchema,
  incidentQuerySchema,
  incidentResolveSchema,
  incidentSchema,
} from "../../lib/schema/incident.ts";

const EXAMPLE_SAVED_REPLY = {
  id: "01m8yg2a9x0v1w2x3y4z",
  title: "Parcel delayed",
  body: "Hello {{customer.name}}, your parcel {{order}} ({{ref}}) is delayed. {{agent.name}}",
  team: "",
  category: "delivery",
  language: "en",
  createdBy: "bea@example.com",
  createdAt: "2026-03-02T09:00:00.000Z",
  updatedAt: "2026-03-02T09:00:00.000Z",
} as const;

/** `GET /complaints/:id/draft`. */
const draftSchema = z.object({
  text: z.string(),
  source: z.enum(["claude", "saved_reply", "acknowledgement"]),
  savedReplyId: z.string().optional(),
  asks: z.array(z.enum(["order", "photo"])),
  language: z.string(),
  fallback: z.string().optional(),
});

/** A saved reply filled for one complaint. */
const renderedReplySchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  missing: z.array(z.string()),
  team: z.string(),
  category: z.string().optional(),
  language: z.string().optional(),
  score: z.number(),
});

const EXAMPLE_INCIDENT = {
  id: "01m8yf0k2b7c3d4e5f6g",
  title: "ShopApp crashes at login",
  category: "technical",
  keywords: ["shopapp", "crashes", "login"],
  products: ["shopapp"],
  subcategories: ["account_access"],
  status: "open",
  memberCount: 3,
  customerCount: 3,
  firstAt: "2026-03-02T09:15:00.000Z",
  lastAt: "2026-03-02T09:40:00.000Z",
  alert: { state: "sent", at: "2026-03-02T09:41:00.000Z", chatId: "-1001", messageId: 42 },
  createdAt: "2026-03-02T09:41:00.000Z",
  updatedAt: "2026-03-02T09:41:00.000Z",
} as const;

/** `GET /processed-emails` query. */
export const processedQuerySchema = z.object({
  outcome: processedEmailSchema.shape.outcome.optional(),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const EXAMPLE_COMPLAINT = {
  id: "01m8yecay5et0w49njz3",
  messageId: "CAK7a1x@mail.example.net",
  customer: { email: "dana@example.net", name: "Dana Whitfield" },
  subject: "Order ZE-2026-000417 arrived with a cracked screen",
  description: "The monitor from order ZE-2026-000417 arrived with a cracked screen.",
  bodyHtml: "",
  language: "en",
  category: "delivery",
  subcategory: "damaged_in_transit",
  priority: "high",
  sentiment: "negative",
  sentimentScore: -0.6,
  confidence: 0.82,
  status: "in_progress",
  assignee: "bea@example.com",
  team: "logistics",
  escalationLevel: 0,
  slaDueAt: "2026-03-02T17:15:00.000Z",
  tags: ["damaged"],
  parseWarnings: [],
  entities: {
    orderNumbers: ["ZE-2026-000417"],
    amounts: [{ value: 249, currency: "EUR", raw: "249.00 EUR" }],
    dates: [],
    products: ["monitor"],
    phones: [],
  },
  attachments: [],
  processing: { state: "done", attempts: 1 },
  source: "email",
  contentHash: "sha256:2f1c…",
  rawKey: "raw/2f/2f1c…",
  ingestKey: "mid:CAK7a1x@mail.example.net",
  ref: "K7Q2MX",
  duplicateOf: null,
  relatedComplaints: [],
  messages: [],
  history: [
    {
      at: "2026-03-02T09:15:02.000Z",
      actor: "system",
      action: "created",
      details: { via: "ingest" },
    },
  ],
  receivedAt: "2026-03-02T09:15:00.000Z",
  createdAt: "2026-03-02T09:15:02.000Z",
  updatedAt: "2026-03-02T09:20:00.000Z",
};

const EXAMPLE_AGENT = {
  id: "5b0f2c1e-8d0a-4c1e-9a51-3f0c9e0e7a11",
  email: "bea@example.com",
  name: "Bea Novak",
  role: "agent",
  team: "logistics",
  active: true,
  createdAt: "2026-03-01T08:00:00.000Z",
  updatedAt: "2026-03-01T08:00:00.000Z",
};

const EXAMPLE_SUBMISSION = {
  customer_email: "dana@example.net",
  customer_name: "Dana Whitfield",
  subject: "Charged twice for order ZE-2026-031842",
  content: "My card was charged twice for order ZE-2026-031842. Please refund the second payment.",
};

const CREATED = {
  id: "01m8yecay5et0w49njz3",
  status: "new",
  category: "billing",
  priority: "high",
  processing: "done",
};

const ok = (description: string, schema?: z.ZodType, value?: unknown) => ({
  description,
  ...(schema ? { schema } : {}),
  ...(value !== undefined ? { examples: { example: { value } } } : {}),
});

const err = (description: string) => ({
  description,
  schema: errorBodySchema,
  examples: {
    example: { value: { error: { code: "not_found", message: "No complaint X" } } },
  },
});

const ID = { id: "The complaint's id" };

/** Every route of the API app, documented; the docs test checks the app has no other. */
export const API_ROUTES: RouteDoc[] = [
  {
    method: "get",
    path: "/health",
    summary: "Liveness: the process answers",
    tags: ["operations"],
    auth: "none",
    responses: { 200: ok("Alive, with the store and blob adapters' names", objectSchema) },
  },
  {
    method: "get",
    path: "/ready",
    summary: "Readiness: the store and the blob store answer",
    tags: ["operations"],
    auth: "none",
    responses: {
      200: ok("Ready", objectSchema),
      503: ok("Not ready (Retry-After)", objectSchema),
    },
  },
  {
    method: "get",
    path: "/complaints",
    summary: "List complaints (filters, search, SLA state, paging)",
    tags: ["complaints"],
    auth: "api",
    query: listQuerySchema,
    responses: { 200: ok("A page of complaints", pageSchema(complaintSchema)) },
  },
  {
    method: "post",
    path: "/complaints",
    summary: "Create a complaint from JSON, through the same pipeline as mail",
    description: "The seed's shape; the same as `POST /process-manual`.",
    tags: ["complaints"],
    auth: "api",
    body: {
      schema: manualSubmissionSchema,
      examples: { example: { value: EXAMPLE_SUBMISSION } },
    },
    responses: {
      201: ok("Created", ingestAnswerSchema, CREATED),
      200: ok("The same submission again: its complaint", ingestAnswerSchema),
      422: err("Invalid submission"),
    },
  },
  {
    method: "get",
    path: "/complaints/:id",
    summary: "One complaint, whole",
    tags: ["complaints"],
    auth: "api",
    params: ID,
    responses: {
      200: ok("The complaint", complaintSchema, EXAMPLE_COMPLAINT),
      404: err("No such complaint"),
    },
  },
  ...(["patch", "put"] as const).map((method): RouteDoc => ({
    method,
    path: "/complaints/:id",
    summary: method === "patch"
      ? "Change status, assignee, priority, category or team, or add a note"
      : "The seed's update: the same fields and rules as PATCH",
    tags: ["complaints"],
    auth: "api",
    params: ID,
    body: {
      schema: complaintPatchSchema,
      examples: {
        example: { value: { status: "resolved", note: "Replacement shipped." } },
      },
    },
    responses: {
      200: ok("The complaint after the change", complaintSchema),
      404: err("No such complaint"),
      422: err("Unknown field, value or assignee"),
    },
  })),
  {
    method: "post",
    path: "/complaints/:id/merge",
    summary:
      "Merge another complaint (id or reference) into this one: its email, replies, attachments and history move; it is closed and leads here",
    tags: ["complaints"],
    auth: "api",
    params: ID,
    body: { schema: mergeRequestSchema, examples: { example: { value: { source: "#K7Q2MX" } } } },
    responses: {
      200: ok("This complaint after the merge", complaintSchema),
      404: err("No such complaint"),
      409: err("Already merged"),
      422: err("Into itself"),
    },
  },
  {
    method: "post",
    path: "/complaints/:id/split",
    summary: "Split a customer's message out of the thread into a complaint of its own",
    tags: ["complaints"],
    auth: "api",
    params: ID,
    body: {
      schema: splitRequestSchema,
      examples: { example: { value: { messageId: "CAK7a2y@mail.example.net" } } },
    },
    responses: {
      201: ok("The new complaint", complaintSchema),
      404: err("No such complaint or message"),
      409: err("Our own reply"),
    },
  },
  {
    method: "post",
    path: "/complaints/:id/not-duplicate",
    summary: "Undo an automatic duplicate link (counted as the detector's miss)",
    tags: ["complaints"],
    auth: "api",
    params: ID,
    responses: {
      200: ok("The complaint, on its own again", complaintSchema),
      404: err("No such complaint"),
      409: err("Not a duplicate"),
    },
  },
  {
    method: "post",
    path: "/complaints/:id/reprocess",
    summary: "Process a failed or given-up complaint again now",
    tags: ["complaints"],
    auth: "api",
    params: ID,
    responses: {
      200: ok("The complaint after the run", complaintSchema),
      409: err("Its processing did not fail"),
    },
  },
  {
    method: "post",
    path: "/complaints/:id/replies",
    summary: "Answer the customer (JSON, or multipart with `text` and `files`)",
    tags: ["replies"],
    auth: "api",
    params: ID,
    body: {
      schema: replyRequestSchema,
      examples: { example: { value: { text: "A replacement is on its way." } } },
    },
    responses: {
      201: ok("The outbound message with its delivery state", replyViewSchema, {
        id: "r-01m8@shop.example",
        messageId: "r-01m8@shop.example",
        state: "sent",
        label: "sent",
        to: "dana@example.net",
        subject: "Re: Order ZE-2026-000417 arrived with a cracked screen [#K7Q2MX]",
        text: "A replacement is on its way.",
        by: "bea@example.com",
        createdAt: "2026-03-02T10:00:00.000Z",
        sentAt: "2026-03-02T10:00:01.000Z",
        attempts: 1,
        attachments: [],
      }),
      404: err("No such complaint"),
      422: err("Empty or too long"),
    },
  },
  {
    method: "get",
    path: "/complaints/:id/replies",
    summary: "Our replies on a complaint, oldest first",
    tags: ["replies"],
    auth: "api",
    params: ID,
    responses: { 200: ok("Replies", z.object({ items: z.array(replyViewSchema) })) },
  },
  {
    method: "get",
    path: "/customers/:email/complaints",
    summary: "A customer's complaints (by address, and by name with a shared order or phone)",
    tags: ["customers"],
    auth: "api",
    params: { email: "The customer's address" },
    responses: {
      200: ok("Their complaints, newest first", z.object({ items: z.array(objectSchema) })),
      400: err("Not an address"),
    },
  },
  {
    method: "get",
    path: "/complaints/:id/story",
    summary: "The customer's other complaints",
    tags: ["customers"],
    auth: "api",
    params: ID,
    responses: { 200: ok("Their complaints", z.object({ items: z.array(objectSchema) })) },
  },
  {
    method: "get",
    path: "/complaints/:id/similar",
    summary: "The three most similar resolved complaints, each with its last answer",
    tags: ["customers"],
    auth: "api",
    params: ID,
    responses: { 200: ok("Similar ones", z.object({ items: z.array(objectSchema) })) },
  },
  {
    method: "get",
    path: "/complaints/:id/attachments/:index",
    summary: "Download an attachment (a redirect to S3 or the bytes)",
    tags: ["complaints"],
    auth: "api",
    params: { ...ID, index: "The attachment's position, from 0" },
    responses: {
      200: { description: "The file", contentType: "application/octet-stream" },
      302: { description: "A short-lived presigned S3 URL" },
      404: err("No such complaint or attachment"),
    },
  },
  ...([
    ["/stats", "Counts by status, category, priority and day", statsSchema],
    ["/triage-agreement", "Share of analyser triage agents kept, per analyser", objectSchema],
    ["/duplicate-stats", "Duplicates caught, by kind", objectSchema],
    ["/storage-stats", "Blob store use by prefix", objectSchema],
    ["/s3-stats", "The seed's name for /storage-stats", objectSchema],
    ["/status", "Intake status: poller heartbeats, queues", objectSchema],
    ["/categories", "Categories with their labels and teams", objectSchema],
  ] as const).map(([path, summary, schema]): RouteDoc => ({
    method: "get",
    path,
    summary,
    tags: ["reports"],
    auth: "api",
    responses: { 200: ok(summary, schema) },
  })),
  {
    method: "post",
    path: "/analyze",
    summary: "Analyse a complaint given as JSON without storing it",
    tags: ["analysis"],
    auth: "api",
    body: { schema: analyzeRequestSchema, examples: { example: { value: EXAMPLE_SUBMISSION } } },
    responses: { 200: ok("The analysis", objectSchema), 422: err("Invalid body") },
  },
  {
    method: "post",
    path: "/analyze-attachment",
    summary: "Extract and analyse one uploaded file (multipart `file`)",
    tags: ["analysis"],
    auth: "api",
    body: { schema: objectSchema, contentType: "multipart/form-data" },
    responses: { 200: ok("Its text and analysis", objectSchema), 422: err("No file") },
  },
  {
    method: "post",
    path: "/extract-entities",
    summary: "Order numbers, amounts, dates, products and phones in free text",
    tags: ["analysis"],
    auth: "api",
    body: {
      schema: extractEntitiesRequestSchema,
      examples: { example: { value: { text: "Order ZE-2026-000417, 249.00 EUR" } } },
    },
    responses: { 200: ok("The entities", objectSchema) },
  },
  {
    method: "get",
    path: "/saved-replies",
    summary: "Saved replies the caller sees (shared and their team's)",
    tags: ["saved replies"],
    auth: "api",
    responses: {
      200: ok("Saved replies", z.object({ items: z.array(savedReplySchema) }), {
        items: [EXAMPLE_SAVED_REPLY],
      }),
    },
  },
  {
    method: "post",
    path: "/saved-replies",
    summary: "Add a saved reply (shared, or the caller's team's)",
    tags: ["saved replies"],
    auth: "api",
    body: {
      schema: savedReplyCreateSchema,
      examples: {
        example: {
          value: {
            title: EXAMPLE_SAVED_REPLY.title,
            body: EXAMPLE_SAVED_REPLY.body,
            category: "delivery",
            language: "en",
          },
        },
      },
    },
    responses: {
      201: ok("The saved reply", savedReplySchema, EXAMPLE_SAVED_REPLY),
      403: err("Another team's"),
      422: err("Invalid"),
    },
  },
  {
    method: "patch",
    path: "/saved-replies/:id",
    summary: "Change a saved reply (its author, its team or an admin)",
    tags: ["saved replies"],
    auth: "api",
    params: { id: "The saved reply's id" },
    body: {
      schema: savedReplyPatchSchema,
      examples: {
        example: { value: { title: "Parcel delayed by the courier" } },
        "back to any category and language": { value: { category: null, language: null } },
      },
    },
    responses: {
      200: ok("The saved reply", savedReplySchema),
      403: err("Not yours to change"),
      404: err("No such saved reply"),
    },
  },
  {
    method: "delete",
    path: "/saved-replies/:id",
    summary: "Delete a saved reply (its author, its team or an admin)",
    tags: ["saved replies"],
    auth: "api",
    params: { id: "The saved reply's id" },
    responses: {
      204: ok("Deleted"),
      403: err("Not yours to delete"),
      404: err("No such saved reply"),
    },
  },
  {
    method: "get",
    path: "/complaints/:id/draft",
    summary: "A draft answer in the customer's language, for the agent to edit (never sent)",
    tags: ["saved replies"],
    auth: "api",
    params: ID,
    responses: {
      200: ok("The draft", draftSchema, {
        text: "Hello Dana,\n\nThank you for writing to us…\n\nBest regards,\nBea Novak",
        source: "acknowledgement",
        asks: ["photo"],
        language: "en",
      }),
      404: err("No such complaint"),
    },
  },
  {
    method: "get",
    path: "/complaints/:id/saved-replies",
    summary: "The saved replies filled for this complaint, best fit first",
    tags: ["saved replies"],
    auth: "api",
    params: ID,
    responses: {
      200: ok("Filled replies", z.object({ items: z.array(renderedReplySchema) }), {
        items: [{
          id: EXAMPLE_SAVED_REPLY.id,
          title: EXAMPLE_SAVED_REPLY.title,
          text: "Hello Dana, your parcel ZE-2026-000417 (#K7Q2MX) is delayed. Bea Novak",
          missing: [],
          team: "",
          category: "delivery",
          language: "en",
          score: 3.12,
        }],
      }),
      404: err("No such complaint"),
    },
  },
  {
    method: "get",
    path: "/events",
    summary:
      "Server-sent events: `ready`, then a `complaint` event ({change, id, subject, status, priority, assignee, previousAssignee?, action?, at}) per change",
    tags: ["live"],
    auth: "api",
    responses: { 200: ok("text/event-stream") },
  },
  {
    method: "post",
    path: "/complaints/:id/presence",
    summary: "Say you are viewing or replying to a complaint (every 10 s); answers who else is",
    tags: ["live"],
    auth: "api",
    params: ID,
    body: {
      schema: presenceRequestSchema,
      examples: { example: { value: { state: "replying" } } },
    },
    responses: {
      200: ok("The other agents there", objectSchema, {
        others: [{
          email: "bea@example.com",
          name: "Bea",
          state: "viewing",
          at: "2026-03-02T09:00:00.000Z",
        }],
      }),
    },
  },
  {
    method: "get",
    path: "/reports",
    summary:
      "First-response and resolution times (median, p90), share within SLA and triage agreement, by agent, team, category or week; CSV with format=csv",
    tags: ["reports"],
    auth: "api",
    query: reportQuerySchema,
    responses: {
      200: ok("The report", objectSchema, {
        by: "week",
        from: "2026-11-10",
        to: "2026-12-07",
        rows: [],
        total: {
          key: "all",
          href: "/complaints?from=2026-11-10&to=2026-12-07",
          complaints: 0,
          firstResponse: { count: 0, medianHours: null, p90Hours: null },
          resolution: { count: 0, medianHours: null, p90Hours: null },
          firstResponseWithinSla: null,
          resolutionWithinSla: null,
          triageAgreement: null,
        },
        truncated: false,
      }),
      422: err("Bad dimension or date"),
    },
  },
  {
    method: "get",
    path: "/incidents",
    summary: "Incidents: many customers reporting the same thing, newest first",
    tags: ["incidents"],
    auth: "api",
    query: incidentQuerySchema,
    responses: {
      200: ok("Incidents", z.object({ items: z.array(incidentSchema) }), {
        items: [EXAMPLE_INCIDENT],
      }),
    },
  },
  {
    method: "get",
    path: "/incidents/:id",
    summary: "One incident with a page of its member complaints (newest first)",
    tags: ["incidents"],
    auth: "api",
    params: ID,
    query: incidentMembersQuerySchema,
    responses: {
      200: ok(
        "The incident, a page of its members and their total",
        incidentSchema.extend({
          members: z.array(complaintSchema),
          membersTotal: z.number().int(),
          page: z.number().int(),
          limit: z.number().int(),
        }),
        { ...EXAMPLE_INCIDENT, members: [EXAMPLE_COMPLAINT], membersTotal: 3, page: 1, limit: 50 },
      ),
      404: err("No such incident"),
    },
  },
  {
    method: "post",
    path: "/incidents/:id/resolve",
    summary: "Resolve an incident and every open member with one note",
    tags: ["incidents"],
    auth: "api",
    params: ID,
    body: {
      schema: incidentResolveSchema,
      examples: { example: { value: { note: "ShopApp 4.2.1 fixes the login crash." } } },
    },
    responses: {
      200: ok("The resolved incident", incidentSchema, {
        ...EXAMPLE_INCIDENT,
        status: "resolved",
        resolvedAt: "2026-03-02T11:00:00.000Z",
        resolvedBy: "bea@example.com",
        note: "ShopApp 4.2.1 fixes the login crash.",
      }),
      404: err("No such incident"),
      422: err("No note"),
    },
  },
  {
    method: "post",
    path: "/jobs/run",
    summary: "Run the retry, escalation, outbound and re-analysis jobs once (a scheduler's tick)",
    tags: ["operations"],
    auth: "api",
    responses: { 200: ok("What each job did", objectSchema), 403: err("Needs the API token") },
  },
  {
    method: "post",
    path: "/process-manual",
    summary: "Create a complaint from JSON (the /test page's form)",
    tags: ["complaints"],
    auth: "api",
    body: {
      schema: manualSubmissionSchema,
      examples: { example: { value: EXAMPLE_SUBMISSION } },
    },
    responses: { 201: ok("Created", ingestAnswerSchema, CREATED), 422: err("Invalid") },
  },
  {
    method: "post",
    path: "/process-eml",
    summary: "Upload a raw .eml through the ingest pipeline",
    tags: ["complaints"],
    auth: "api",
    body: { schema: z.string(), contentType: "message/rfc822" },
    responses: {
      201: ok("Created", ingestAnswerSchema),
      200: ok("Known, threaded or ignored", ingestAnswerSchema),
      415: err("Not message/rfc822"),
    },
  },
  {
    method: "get",
    path: "/processed-emails",
    summary: "What happened to each ingested message",
    tags: ["operations"],
    auth: "api",
    query: processedQuerySchema,
    responses: { 200: ok("A page of records", pageSchema(processedEmailSchema)) },
  },
  {
    method: "get",
    path: "/processed-emails/:key",
    summary: "One ingested message's record",
    tags: ["operations"],
    auth: "api",
    params: { key: "Its key (`mid:<Message-ID>` or `sha:<hash>`)" },
    responses: { 200: ok("The record", processedEmailSchema), 404: err("Unknown key") },
  },
  {
    method: "get",
    path: "/agents",
    summary: "The agents (for assignment pickers)",
    tags: ["agents"],
    auth: "api",
    responses: {
      200: ok("Agents", z.object({ items: z.array(agentViewSchema) }), { items: [EXAMPLE_AGENT] }),
    },
  },
  {
    method: "post",
    path: "/agents",
    summary: "Add an agent (admins)",
    tags: ["agents"],
    auth: "api",
    body: {
      schema: agentCreateSchema,
      examples: {
        example: {
          value: {
            email: "bea@example.com",
            name: "Bea Novak",
            role: "agent",
            team: "logistics",
            password: "a long first password",
          },
        },
      },
    },
    responses: {
      201: ok("The agent", agentViewSchema, EXAMPLE_AGENT),
      403: err("Not an admin"),
      409: err("That email has an agent"),
    },
  },
  {
    method: "patch",
    path: "/agents/:id",
    summary: "Change, deactivate or reset the password of an agent (admins)",
    tags: ["agents"],
    auth: "api",
    params: { id: "The agent's id" },
    body: {
      schema: agentPatchSchema,
      examples: { example: { value: { active: false } } },
    },
    responses: { 200: ok("The agent", agentViewSchema), 403: err("Not an admin") },
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    tags: ["operations"],
    auth: "none",
    responses: { 200: ok("OpenAPI 3.1", objectSchema) },
  },
  {
    method: "get",
    path: "/docs",
    summary: "Interactive documentation (Swagger UI, served from this host)",
    tags: ["operations"],
    auth: "none",
    responses: { 200: { description: "HTML", contentType: "text/html" } },
  },
];

const INFO: ApiInfo = {
  title: "Inbox Triage API",
  version: "1",
  description: "Complaints, agents, replies and reports of an Inbox Triage instance. " +
    "Authenticate with `Authorization: Bearer <API_TOKEN>` or an agent's session " +
    "(writes then need `X-CSRF-Token`).",
  server: "/functions/v1/api",
  sessionCookie: SESSION_COOKIE,
};

/** The OpenAPI document of the API app. */
export function apiDocument(): Record<string, unknown> {
  return openApiDocument(INFO, API_ROUTES);
}

const SWAGGER_FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Inbox Triage API</title>
<link rel="stylesheet" href="docs/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script></body></html>`;

// A file of its own, not inline, so the page needs no script-src exception.
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: "openapi.json", dom_id: "#docs" });`;

/**
 * `GET /openapi.json` and `GET /docs` (Swagger UI from the npm package, served by us: no CDN).
 * Public, like any API's documentation; it holds no data.
 */
export function mountApiDocs<E extends Env>(app: Hono<E>): void {
  const document = apiDocument();
  app.get("/openapi.json", (c) => c.json(document));
  app.get("/docs", (c) => c.html(DOCS_HTML));
  app.get(
    "/docs/init.js",
    (c) => c.body(DOCS_INIT, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );
  for (const [file, type] of Object.entries(SWAGGER_FILES)) {
    let bytes: Promise<Uint8Array> | null = null;
    app.get(`/docs/${file}`, async (c) => {
      bytes ??= Deno.readFile(`${getAbsoluteFSPath()}/${file}`);
      return c.body(await bytes as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": type,
        "Cache-Control": "public, max-age=86400",
      });
    });
  }
}
