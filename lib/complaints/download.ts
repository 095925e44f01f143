import type { AppContext } from "../ports.ts";
import { NotFoundError } from "../errors.ts";
import { contentDisposition } from "../http/content_disposition.ts";

/**
 * An attachment as a download: a redirect to a short-lived presigned URL when the blob store has
 * one, else the bytes. Always `Content-Disposition: attachment` and an opaque type, so a file is
 * never rendered inline (an HTML attachment cannot run script on our origin).
 */
export async function attachmentDownload(
  ctx: Pick<AppContext, "store" | "blobs">,
  id: string,
  index: number,
): Promise<Response> {
  const complaint = await ctx.store.getComplaint(id);
  if (!complaint) throw new NotFoundError(`No complaint ${id}`);
  const attachment = Number.isInteger(index) ? complaint.attachments[index] : undefined;
  if (!attachment) throw new NotFoundError(`No attachment ${index} on ${id}`);
  const presigned = await ctx.blobs.presignedUrl(attachment.storageKey, attachment.filename);
  if (presigned) return new Response(null, { status: 302, headers: { location: presigned } });
  const bytes = await ctx.blobs.get(attachment.storageKey);
  if (!bytes) throw new NotFoundError("The attachment's bytes are missing");
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": contentDisposition(attachment.filename),
      "content-length": String(bytes.length),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    },
  });
}
