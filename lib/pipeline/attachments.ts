import type { AppContext } from "../context.ts";
import { sha256Hex } from "../crypto.ts";
import { extractBasic } from "../extract/basic.ts";
import type { ParsedEmail } from "../mime/types.ts";
import type { Attachment } from "../schema/complaint.ts";

/**
 * The extract stage: store each attachment once under its SHA-256 and record the text it holds.
 */
export async function storeAttachments(
  ctx: AppContext,
  parsed: ParsedEmail,
): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const part of parsed.attachments) {
    const sha256 = await sha256Hex(part.content);
    const storageKey = `att/${sha256.slice(0, 2)}/${sha256}`;
    await ctx.blobs.put(storageKey, part.content, part.contentType);
    out.push({
      filename: part.filename,
      contentType: part.contentType,
      size: part.content.length,
      sha256,
      storageKey,
      contentId: part.contentId,
      inline: part.disposition === "inline" || part.related,
      ...extractBasic(part.contentType, part.filename, part.content),
    });
  }
  return out;
}
