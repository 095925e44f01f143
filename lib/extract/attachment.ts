import type { EnvConfig } from "../config.ts";
import { parseEmail } from "../mime/parse.ts";
import type { Attachment } from "../schema/complaint.ts";
import { detectType } from "./detect.ts";
import { unpackTnef } from "./tnef.ts";
import type { ExtractPool } from "./pool.ts";
import { limitsFrom } from "./registry.ts";

/** The fields extraction adds to an attachment record. */
export type ExtractedFields = Pick<Attachment, "detectedType" | "extraction" | "extractedText">;

export interface FileToExtract {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

const MAX_EML_DEPTH = 3;

/**
 * Detects a file's type by its bytes and reads its text in the pool. Forwarded emails are
 * parsed here and their own attachments read the same way, nested up to three deep. Never
 * throws: whatever goes wrong is in the returned `extraction`.
 */
export async function extractFile(
  pool: ExtractPool,
  config: EnvConfig,
  file: FileToExtract,
  depth = 0,
): Promise<ExtractedFields> {
  const started = performance.now();
  const detected = detectType(file.content, file.contentType, file.filename);
  const base = { detectedType: detected.mime, extractedText: "" };
  const skipped = (reason: string): ExtractedFields => ({
    ...base,
    extraction: { status: "skipped", reason, ms: Math.round(performance.now() - started) },
  });
  if (file.content.length === 0) return skipped("empty file");
  if (file.content.length > config.ATTACHMENT_MAX_BYTES) {
    return skipped(`${file.content.length} bytes (limit ${config.ATTACHMENT_MAX_BYTES})`);
  }
  if (detected.kind === "eml") {
    if (depth >= MAX_EML_DEPTH) {
      return skipped(`forwarded emails nested over ${MAX_EML_DEPTH} deep`);
    }
    return await extractEmail(pool, config, file, depth, started);
  }
  if (detected.kind === "tnef") {
    if (depth >= MAX_EML_DEPTH) return skipped(`containers nested over ${MAX_EML_DEPTH} deep`);
    return await extractTnef(pool, config, file, depth, started);
  }
  if (detected.kind === "unknown" || detected.kind === "zip") {
    return skipped(`no extractor for ${detected.mime}`);
  }
  const result = await pool.run({
    kind: detected.kind,
    mime: detected.kind === "text" || detected.kind === "html" ? file.contentType : detected.mime,
    filename: file.filename,
    bytes: file.content,
    limits: limitsFrom(config),
  });
  return {
    ...base,
    extractedText: result.text,
    extraction: {
      status: result.status,
      method: result.method,
      pages: result.pages,
      ms: result.ms,
      reason: result.reason,
    },
  };
}

async function extractEmail(
  pool: ExtractPool,
  config: EnvConfig,
  file: FileToExtract,
  depth: number,
  started: number,
): Promise<ExtractedFields> {
  const parsed = await parseEmail(file.content);
  const lines = [
    parsed.from ? `From: ${parsed.from.name} <${parsed.from.email}>`.replace(":  <", ": <") : "",
    parsed.date ? `Date: ${parsed.date}` : "",
    parsed.subject ? `Subject: ${parsed.subject}` : "",
  ].filter(Boolean);
  const parts = [lines.join("\n"), parsed.text];
  for (const inner of parsed.attachments.slice(0, config.ATTACHMENTS_MAX_COUNT)) {
    const got = await extractFile(pool, config, inner, depth + 1);
    if (got.extractedText) parts.push(`[${inner.filename}]\n${got.extractedText}`);
  }
  const text = parts.filter((p) => p.trim()).join("\n\n").slice(0, config.EXTRACT_MAX_CHARS);
  return {
    detectedType: "message/rfc822",
    extractedText: text,
    extraction: {
      status: "done",
      method: "eml",
      ms: Math.round(performance.now() - started),
    },
  };
}

/** Outlook's winmail.dat: its body and every file in it, each read like an attachment. */
async function extractTnef(
  pool: ExtractPool,
  config: EnvConfig,
  file: FileToExtract,
  depth: number,
  started: number,
): Promise<ExtractedFields> {
  const ms = () => Math.round(performance.now() - started);
  let unpacked;
  try {
    unpacked = unpackTnef(file.content);
  } catch (err) {
    return {
      detectedType: "application/ms-tnef",
      extractedText: "",
      extraction: { status: "failed", reason: `tnef: ${(err as Error).message}`, ms: ms() },
    };
  }
  const parts = [unpacked.body];
  for (const inner of unpacked.files.slice(0, config.ATTACHMENTS_MAX_COUNT)) {
    const got = await extractFile(
      pool,
      config,
      { ...inner, contentType: "application/octet-stream" },
      depth + 1,
    );
    if (got.extractedText) parts.push(`[${inner.filename}]\n${got.extractedText}`);
  }
  return {
    detectedType: "application/ms-tnef",
    extractedText: parts.filter((p) => p.trim()).join("\n\n").slice(0, config.EXTRACT_MAX_CHARS),
    extraction: { status: "done", method: "tnef", ms: ms() },
  };
}
