import { type Context, Hono } from "hono";
import { z } from "zod";
import { csrfValid, sessionFromRequest } from "../../lib/auth/session.ts";
import { addAgent, editAgent, isAdmin, listAgentViews } from "../../lib/auth/agents.ts";
import { agentCreateSchema, agentPatchSchema, agentView } from "../../lib/schema/agent.ts";
import { applyAgentPatch } from "../../lib/complaints/update.ts";
import { checkAssignee } from "../../lib/complaints/assign.ts";
import type { App } from "../../lib/context.ts";
import { hasBearer } from "../../lib/http/auth.ts";
import { readBodyCapped, reserveBody } from "../../lib/http/body.ts";
import { analyzeAttachment } from "../../lib/extract/analyze_attachment.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { errorHandler, notFoundJson } from "../../lib/http/error_middleware.ts";
import { apiCaller, limiterFor, rateLimit } from "../../lib/http/rate_limit.ts";
import { parseInput } from "../../lib/http/validate.ts";
import { savedReplyCreateSchema, savedReplyPatchSchema } from "../../lib/schema/saved_reply.ts";
import {
  addSavedReply,
  changeSavedReply,
  removeSavedReply,
  type ReplyAuthor,
  savedRepliesFor,
  visibleSavedReplies,
} from "../../lib/replies/saved.ts";
import type { AgentView } from "../../lib/schema/agent.ts";
import { withSignature } from "../../lib/replies/signature.ts";
import { draftReply } from "../../lib/replies/draft.ts";
import { markNotDuplicate, mergeComplaints } from "../../lib/complaints/merge.ts";
import {
  mergeRequestSchema,
  presenceRequestSchema,
  splitRequestSchema,
} from "../../lib/schema/api.ts";
import { splitMessage } from "../../lib/complaints/split.ts";
import { streamSSE } from "hono/streaming";
import { pipeEvents } from "../../lib/live/stream.ts";
import { beat } from "../../lib/live/presence.ts";
import {
  buildReport,
  reportCsv,
  reportQuerySchema,
  reportRange,
} from "../../lib/reports/report.ts";
import {
  incidentMembersQuerySchema,
  incidentQuerySchema,
  incidentResolveSchema,
} from "../../lib/schema/incident.ts";
import { incidentWithMembers, resolveIncident } from "../../lib/incidents/service.ts";
import { composeRawEmail, manualSubmissionSchema } from "../../lib/pipeline/manual.ts";
import { ingestResponse } from "../../lib/pipeline/respond.ts";
import { attachmentDownload } from "../../lib/complaints/download.ts";
import { reprocessComplaint } from "../../lib/complaints/reprocess.ts";
import { duplicateStats } from "../../lib/complaints/duplicate_stats.ts";
import { storageStats } from "../../lib/blobs/stats.ts";
import {
  analyzeRequest,
  analyzeRequestSchema,
  extractEntitiesRequest,
  extractEntitiesRequestSchema,
} from "../../lib/analyze/request.ts";
import { productStatus } from "../../lib/intake/status.ts";
import { readiness } from "../../lib/health.ts";
import { runJobsOnce } from "../../lib/jobs.ts";
import { usageReport } from "../../lib/analyze/usage.ts";
import { outboundMessages, sendReply } from "../../lib/outbound/reply.ts";
import { readReplyRequest } from "../../lib/outbound/request.ts";
import { replyView } from "../../lib/outbound/view.ts";
import { customerStory, storyOfComplaint } from "../../lib/complaints/customer_story.ts";
import { similarResolved } from "../../lib/complaints/similar.ts";
import { loadTriageAgreement } from "../../lib/complaints/triage.ts";
import {
  CATEGORIES,
  CATEGORY_INFO,
  complaintPatchSchema,
  listQuerySchema,
} from "../../lib/schema/complaint.ts";
import { mountApiDocs, processedQuerySchema } from "./openapi.ts";

type Env = { Variables: { actor: string; admin: boolean; agent: AgentView | null } };

/** A customer's address in a path: loose on purpose (stored addresses come from From headers). */
const customerEmailSchema = z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+$/);

/** The agents' API: complaints, stats, manual processing, processed emails. */
export function createApiApp(ctx: App): Hono<Env> {
  const app = new Hono<Env>();
  app.onError(errorHandler(ctx.log));
  app.notFound(notFoundJson);

  app.get("/health", (c) => c.json({ ok: true, store: ctx.store.name, blobs: ctx.blobs.name }));
  // Readiness, unlike liveness above, answers 503 while the store or the blob store is down.
  app.get("/ready", async (c) => {
    const ready = await readiness(ctx);
    if (!ready.ok) c.header("Retry-After", "5");
    return c.json(ready, ready.ok ? 200 : 503);
  });
  mountApiDocs(app); // public, like any API's documentation
  app.use("*", rateLimit(limiterFor(ctx, "api"), apiCaller(ctx)));

  app.use("*", async (c, next) => {
    if (hasBearer(c.req.raw, ctx.config.API_TOKEN)) {
      c.set("actor", "api");
      c.set("admin", true); // the API token acts as an admin
      c.set("agent", null);
      return await next();
    }
    const session = await sessionFromRequest(ctx, c.req.raw);
    if (!session) {
      throw new HttpError(401, "unauthorized", "An API token or an agent session is required", {
        "WWW-Authenticate": 'Bearer realm="api"',
      });
    }
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      if (!csrfValid(session, c.req.header("x-csrf-token"))) {
        throw new HttpError(403, "csrf", "Missing or invalid X-CSRF-Token header");
      }
    }
    c.set("actor", session.email);
    c.set("admin", isAdmin(session));
    c.set("agent", session.agent);
    await next();
  });

  app.get("/complaints", async (c) => {
    const query = parseInput(listQuerySchema, c.req.query(), "query");
    return c.json(
      await ctx.store.listComplaints({ ...query, slaNow: query.slaNow ?? ctx.now().toISOString() }),
    );
  });

  app.get("/complaints/:id", async (c) => {
    const complaint = await ctx.store.getComplaint(c.req.param("id"));
    if (!complaint) throw new HttpError(404, "not_found", `No complaint ${c.req.param("id")}`);
    return c.json(complaint);
  });

  // PUT is the seed's name for the same change (its shape: the fields PATCH takes).
  for (const method of ["patch", "put"] as const) {
    app[method]("/complaints/:id", async (c) => {
      const patch = parseInput(complaintPatchSchema, await jsonBody(c.req.raw), "body");
      const checked = await checkAssignee(ctx, patch); // an active agent's email, or 422
      return c.json(await applyAgentPatch(ctx, c.req.param("id"), checked, c.get("actor")));
    });
  }

  app.post("/complaints/:id/merge", async (c) => {
    const { source } = parseInput(mergeRequestSchema, await jsonBody(c.req.raw), "body");
    return c.json(
      await mergeComplaints(ctx, ctx.pipeline.locks, c.req.param("id"), source, c.get("actor")),
    );
  });

  app.post("/complaints/:id/split", async (c) => {
    const { messageId } = parseInput(splitRequestSchema, await jsonBody(c.req.raw), "body");
    const id = c.req.param("id");
    const actor = c.get("actor");
    return c.json(
      await splitMessage(ctx, ctx.pipeline.locks, ctx.pipeline, id, messageId, actor),
      201,
    );
  });

  app.post(
    "/complaints/:id/not-duplicate",
    async (c) =>
      c.json(await markNotDuplicate(ctx, ctx.pipeline.locks, c.req.param("id"), c.get("actor"))),
  );

  app.post("/complaints/:id/reprocess", async (c) => {
    const id = c.req.param("id");
    return c.json(await reprocessComplaint(ctx, ctx.pipeline, id, c.get("actor")));
  });

  app.post("/complaints/:id/replies", async (c) => {
    const draft = await readReplyRequest(c.req.raw, ctx.config);
    const sent = await sendReply(ctx, ctx.pipeline.locks, c.req.param("id"), {
      ...draft,
      text: withSignature(draft.text, c.get("agent")?.signature),
      by: c.get("actor"),
    });
    return c.json(replyView(sent), 201);
  });

  app.get("/complaints/:id/replies", async (c) => {
    const complaint = await ctx.store.getComplaint(c.req.param("id"));
    if (!complaint) throw new HttpError(404, "not_found", `No complaint ${c.req.param("id")}`);
    return c.json({ items: outboundMessages(complaint).map(replyView) });
  });

  // Saved replies (shared or a team's) and the ones filled for a complaint, best first.
  const author = (c: Context<Env>): ReplyAuthor => {
    const agent = c.get("agent");
    return agent
      ? { email: agent.email, name: agent.name, team: agent.team, admin: c.get("admin") }
      : { email: "api", name: "Support", team: "", admin: true };
  };
  app.get(
    "/saved-replies",
    async (c) => c.json({ items: await visibleSavedReplies(ctx, author(c)) }),
  );
  app.post("/saved-replies", async (c) => {
    const input = parseInput(savedReplyCreateSchema, await jsonBody(c.req.raw), "body");
    return c.json(await addSavedReply(ctx, input, author(c)), 201);
  });
  app.patch("/saved-replies/:id", async (c) => {
    const patch = parseInput(savedReplyPatchSchema, await jsonBody(c.req.raw), "body");
    return c.json(await changeSavedReply(ctx, c.req.param("id"), patch, author(c)));
  });
  app.delete("/saved-replies/:id", async (c) => {
    await removeSavedReply(ctx, c.req.param("id"), author(c));
    return c.body(null, 204);
  });
  app.get("/complaints/:id/draft", async (c) => {
    const complaint = await ctx.store.getComplaint(c.req.param("id"));
    if (!complaint) throw new HttpError(404, "not_found", `No complaint ${c.req.param("id")}`);
    return c.json(await draftReply(ctx, complaint, author(c)));
  });
  app.get("/complaints/:id/saved-replies", async (c) => {
    const complaint = await ctx.store.getComplaint(c.req.param("id"));
    if (!complaint) throw new HttpError(404, "not_found", `No complaint ${c.req.param("id")}`);
    return c.json({ items: await savedRepliesFor(ctx, complaint, author(c)) });
  });

  // The customer's story and how similar complaints were answered (issue 13).
  app.get("/customers/:email/complaints", async (c) => {
    const email = customerEmailSchema.safeParse(c.req.param("email"));
    if (!email.success) throw new HttpError(400, "invalid_email", "Not an email address");
    return c.json({ items: await customerStory(ctx, email.data) });
  });

  app.get("/complaints/:id/story", async (c) => {
    const complaint = await ctx.store.getComplaint(c.req.param("id"));
    if (!complaint) throw new HttpError(404, "not_found", `No complaint ${c.req.param("id")}`);
    return c.json({ items: await storyOfComplaint(ctx, complaint) });
  });

  app.get("/complaints/:id/similar", async (c) => {
    const complaint = await ctx.store.getComplaint(c.req.param("id"));
    if (!complaint) throw new HttpError(404, "not_found", `No complaint ${c.req.param("id")}`);
    return c.json({ items: await similarResolved(ctx, complaint) });
  });

  app.get("/complaints/:id/attachments/:index", async (c) => {
    const index = Number(c.req.param("index"));
    return await attachmentDownload(ctx, c.req.param("id"), index);
  });

  app.get("/stats", async (c) => {
    const [stats, claude] = await Promise.all([ctx.store.stats(), usageReport(ctx)]);
    return c.json({ ...stats, claude });
  });

  app.get("/triage-agreement", async (c) => c.json(await loadTriageAgreement(ctx)));

  app.get("/duplicate-stats", async (c) => c.json(await duplicateStats(ctx)));

  // `/s3-stats` is the seed's name for it.
  for (const path of ["/storage-stats", "/s3-stats"]) {
    app.get(path, async (c) => c.json(await storageStats(ctx.blobs)));
  }

  app.get("/status", async (c) => c.json(await productStatus(ctx)));

  app.get("/categories", (c) => {
    const { teams } = ctx.policy;
    return c.json({
      items: CATEGORIES.map((id) => ({ id, ...CATEGORY_INFO[id], team: teams[id] })),
    });
  });

  app.post("/analyze", async (c) => {
    const input = parseInput(analyzeRequestSchema, await jsonBody(c.req.raw), "body");
    return c.json(await analyzeRequest(ctx, input));
  });

  app.post("/analyze-attachment", async (c) => c.json(await analyzeAttachment(ctx, c.req.raw)));

  app.post("/extract-entities", async (c) => {
    const input = parseInput(extractEntitiesRequestSchema, await jsonBody(c.req.raw), "body");
    return c.json(extractEntitiesRequest(ctx, input));
  });

  // Live updates for the dashboard: every complaint change, as server-sent events.
  app.get("/events", (c) => streamSSE(c, (stream) => pipeEvents(ctx.events, stream)));

  app.post("/complaints/:id/presence", async (c) => {
    const { state } = parseInput(presenceRequestSchema, await jsonBody(c.req.raw), "body");
    const agent = c.get("agent");
    const me = agent ? { email: agent.email, name: agent.name } : { email: "api", name: "API" };
    return c.json({ others: await beat(ctx, c.req.param("id"), me, state) });
  });

  app.get("/reports", async (c) => {
    const query = parseInput(reportQuerySchema, c.req.query(), "query");
    const { from, to } = reportRange(query, ctx.now());
    const report = await buildReport(ctx, query.by, from, to);
    if (query.format === "json") return c.json(report);
    return c.body(reportCsv(report), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="report-${query.by}-${from}-${to}.csv"`,
    });
  });

  app.get("/incidents", async (c) => {
    const query = parseInput(incidentQuerySchema, c.req.query(), "query");
    return c.json({ items: await ctx.store.listIncidents(query) });
  });

  app.get("/incidents/:id", async (c) => {
    const page = parseInput(incidentMembersQuerySchema, c.req.query(), "query");
    const { incident, members } = await incidentWithMembers(ctx, c.req.param("id"), page);
    return c.json({
      ...incident,
      members: members.items,
      membersTotal: members.total,
      page: members.page,
      limit: members.limit,
    });
  });

  app.post("/incidents/:id/resolve", async (c) => {
    const { note } = parseInput(incidentResolveSchema, await jsonBody(c.req.raw), "body");
    return c.json(await resolveIncident(ctx, c.req.param("id"), c.get("actor"), note));
  });

  // A scheduler's tick (Supabase's, any cron) when no process runs the jobs itself.
  app.post("/jobs/run", async (c) => {
    if (c.get("actor") !== "api") {
      throw new HttpError(403, "forbidden", "Running the jobs needs the API token");
    }
    return c.json(await runJobsOnce(ctx));
  });

  // `POST /complaints` is the seed's name for the same creation from JSON.
  for (const path of ["/process-manual", "/complaints"]) {
    app.post(path, async (c) => {
      // Files come base64 in the JSON: room for ATTACHMENTS_MAX_BYTES of them plus the text.
      const max = Math.ceil(ctx.config.ATTACHMENTS_MAX_BYTES * 4 / 3) + 2 * 1024 * 1024;
      const input = parseInput(manualSubmissionSchema, await jsonBody(c.req.raw, max), "body");
      const raw = composeRawEmail(input, ctx.now());
      const result = await ctx.pipeline.ingest(raw, { source: "manual" });
      const { status, body } = ingestResponse(result);
      return c.json(body, status);
    });
  }

  // A raw .eml uploaded on /test, through the same pipeline as ingest (kept apart as manual).
  app.post("/process-eml", async (c) => {
    const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "message/rfc822" && type !== "application/octet-stream") {
      throw new HttpError(415, "unsupported_media_type", "Send the .eml as message/rfc822");
    }
    const release = reserveBody(c.req.raw, ctx.pipeline.memory, ctx.config.INGEST_MAX_BYTES);
    try {
      const raw = await readBodyCapped(c.req.raw, ctx.config.INGEST_MAX_BYTES);
      if (raw.length === 0) throw new HttpError(422, "empty_body", "The .eml is empty");
      const { status, body } = ingestResponse(await ctx.pipeline.ingest(raw, { source: "manual" }));
      return c.json(body, status);
    } finally {
      release();
    }
  });

  app.get("/processed-emails", async (c) => {
    const query = parseInput(processedQuerySchema, c.req.query(), "query");
    return c.json(await ctx.store.listProcessedEmails(query));
  });

  // Agents: anyone signed in may list them (assignment pickers); only admins change them.
  // Password hashes and session epochs never leave lib/ (agentView).
  app.get("/agents", async (c) => c.json({ items: await listAgentViews(ctx) }));

  app.post("/agents", async (c) => {
    if (!c.get("admin")) throw new HttpError(403, "forbidden", "Only admins add agents");
    const input = parseInput(agentCreateSchema, await jsonBody(c.req.raw), "body");
    return c.json(agentView(await addAgent(ctx, input)), 201);
  });

  app.patch("/agents/:id", async (c) => {
    if (!c.get("admin")) throw new HttpError(403, "forbidden", "Only admins change agents");
    const patch = parseInput(agentPatchSchema, await jsonBody(c.req.raw), "body");
    return c.json(agentView(await editAgent(ctx, c.req.param("id"), patch)));
  });

  app.get("/processed-emails/:key", async (c) => {
    const key = c.req.param("key");
    const record = await ctx.store.getProcessedEmail(key);
    if (!record) throw new HttpError(404, "not_found", `No processed email ${key}`);
    return c.json(record);
  });

  return app;
}

async function jsonBody(req: Request, max = 2 * 1024 * 1024): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, "unsupported_media_type", "Send a JSON body (application/json)");
  }
  const bytes = await readBodyCapped(req, max);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not valid JSON");
  }
}
