import type { AppContext } from "../ports.ts";
import { sha256Hex } from "../crypto.ts";
import type { ExtractedFields } from "../extract/attachment.ts";
import { extractReusing } from "../extract/reuse.ts";
import { detectType } from "../extract/detect.ts";
import type { ParsedEmail } from "../mime/types.ts";
import type { Attachment } from "../schema/complaint.ts";
import { attachmentBlobKey } from "./keys.ts";

/** The ports the extract stage uses. */
export type AttachmentsContext = Pick<AppContext, "blobs" | "config" | "log" | "extractPool">;

/**
 * The extract stage: store each attachment once under its SHA-256, then read their text in the
 * extraction pool (all at once; the pool bounds the work). Attachments past the per-email count
 * or byte limits are stored but not read, and every one gets an extraction record.
 */
export async function storeAttachments(
  ctx: AttachmentsContext,
  parsed: ParsedEmail,
): Promise<Attachment[]> {
  const stored: Omit<Attachment, keyof ExtractedFields>[] = [];
  for (const part of parsed.attachments) {
    const sha256 = await sha256Hex(part.content);
    const storageKey = attachmentBlobKey(sha256);
    await ctx.blobs.put(storageKey, part.content, part.contentType);
    stored.push({
      filename: part.filename,
      contentType: part.contentType,
      size: part.content.length,
      sha256,
      storageKey,
      contentId: part.contentId,
      inline: part.disposition === "inline" || part.related,
    });
  }
  const { ATTACHMENTS_MAX_COUNT: maxCount, ATTACHMENTS_MAX_BYTES: maxBytes } = ctx.config;
  let budget = maxBytes;
  const extracted = parsed.attachments.map((part, i): Promise<ExtractedFields> => {
    const size = part.content.length;
    if (i >= maxCount) {
      return Promise.resolve(notRead(part, `over ${maxCount} attachments per email`));
    }
    if (size > budget) {
      return Promise.resolve(notRead(part, `over ${maxBytes} attachment bytes per email`));
    }
    budget -= size;
    return extractReusing(ctx, ctx.extractPool, part, stored[i].sha256);
  });
  const fields = await Promise.all(extracted);
  return stored.map((a, i) => ({ ...a, ...fields[i] }));
}

function notRead(part: ParsedEmail["attachments"][number], reason: string): ExtractedFields {
  const detectedType = detectType(part.content, part.contentType, part.filename).mime;
  return { detectedType, extractedText: "", extraction: { status: "skipped", reason } };
}
