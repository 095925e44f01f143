import { Buffer } from "node:buffer";
import { z } from "zod";
import type { AppContext } from "../ports.ts";
import { extractFile } from "../extract/attachment.ts";
import { analyzeCached } from "../pipeline/analyze.ts";
import type { Entities } from "../schema/complaint.ts";
import { extractEntities } from "./local/analyzer.ts";
import type { AnalysisFile } from "./port.ts";
import { type CompleteAnalysis, extractEmails } from "./schema.ts";

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
const dateInput = z.iso.datetime({ offset: true }).or(z.iso.date());

/** The seed's analyze body: a complaint as JSON, analysed without being stored. */
export const analyzeRequestSchema = z.strictObject({
  customer_email: z.email().max(320),
  customer_name: z.string().trim().max(200).optional(),
  subject: z.string().trim().max(998).default(""),
  content: z.string().trim().min(1, "content is required").max(1_000_000),
  received_date: dateInput.optional(),
  attachments: z.array(z.strictObject({
    filename: z.string().trim().min(1).max(255),
    content_type: z.string().trim().toLowerCase().max(255).default("application/octet-stream"),
    /** The file, base64. */
    content: z.string().regex(BASE64, "must be base64").optional(),
    /** Text already extracted by the caller. */
    text: z.string().max(200_000).optional(),
  })).max(10).default([]),
});
export type AnalyzeRequest = z.infer<typeof analyzeRequestSchema>;

/** What POST /analyze answers: the analysis fields, and how they were produced under `meta`. */
export type AnalyzeResponse = CompleteAnalysis & {
  meta: {
    analyzer: string;
    model?: string;
    version: string;
    ms: number;
    cached: boolean;
    tokens?: { input: number; output: number };
    fallback?: { from: string; reason: string };
  };
};

/** An attachment's text, read by the same extractors (and pool) as the pipeline's. */
async function readText(
  ctx: Pick<AppContext, "config" | "extractPool">,
  filename: string,
  contentType: string,
  content: Uint8Array,
): Promise<string> {
  const pool = ctx.extractPool;
  return (await extractFile(pool, ctx.config, { filename, contentType, content })).extractedText;
}

/** Analyse one complaint with the configured analyzer, through the cache; nothing is stored. */
export async function analyzeRequest(
  ctx: Pick<AppContext, "analyzer" | "cache" | "config" | "log" | "now" | "extractPool" | "store">,
  req: AnalyzeRequest,
): Promise<AnalyzeResponse> {
  const files: AnalysisFile[] = [];
  const attachmentsText: string[] = [];
  for (const a of req.attachments) {
    const data = a.content === undefined
      ? undefined
      : new Uint8Array(Buffer.from(a.content, "base64"));
    if (data) files.push({ filename: a.filename, contentType: a.content_type, data });
    const text = a.text ?? (data ? await readText(ctx, a.filename, a.content_type, data) : "");
    if (text.trim()) attachmentsText.push(text);
  }
  const result = await analyzeCached(ctx, {
    subject: req.subject,
    body: req.content,
    attachmentsText,
    from: req.customer_email,
    receivedAt: req.received_date
      ? new Date(req.received_date).toISOString()
      : ctx.now().toISOString(),
    files,
  });
  const { analysis, cached, ...meta } = result;
  return { ...analysis, meta: { ...meta, cached } };
}

export const extractEntitiesRequestSchema = z.strictObject({
  text: z.string().min(1, "text is required").max(1_000_000),
  /** Resolves dates without a year and relative ones ("yesterday"); defaults to now. */
  received_at: dateInput.optional(),
});

/** Entities in free text, by the local extractors (offline, no analyzer call). */
export function extractEntitiesRequest(
  ctx: Pick<AppContext, "now">,
  req: z.infer<typeof extractEntitiesRequestSchema>,
): Entities & { emails: string[] } {
  const receivedAt = req.received_at ? new Date(req.received_at) : ctx.now();
  return {
    ...extractEntities(req.text, receivedAt.toISOString()),
    emails: extractEmails(req.text),
  };
}
