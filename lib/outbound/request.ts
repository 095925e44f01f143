import { z } from "zod";
import { InvalidError } from "../errors.ts";
import { readBodyCapped } from "../http/body.ts";
import type { OutboundAttachment } from "../mail/port.ts";
import { REPLY_MAX_CHARS, type ReplyDraft } from "./compose.ts";

/** A reply as JSON: the text, and files as base64 (the API's `{"text": "..."}`). */
export const replyRequestSchema = z.strictObject({
  text: z.string().max(REPLY_MAX_CHARS),
  attachments: z.array(z.strictObject({
    filename: z.string().trim().min(1).max(200),
    contentType: z.string().trim().min(1).max(200).default("application/octet-stream"),
    contentBase64: z.base64(),
  })).max(20).optional(),
});

/**
 * Read a reply from a request: JSON (`replyRequestSchema`) or a multipart form (`text` and
 * `files`, what the reply box sends). The body is capped at ATTACHMENTS_MAX_BYTES plus room for
 * the text; bad input is an InvalidError.
 */
export async function readReplyRequest(
  req: Request,
  limits: { ATTACHMENTS_MAX_BYTES: number; ATTACHMENTS_MAX_COUNT: number },
): Promise<ReplyDraft> {
  const type = req.headers.get("content-type") ?? "";
  // Base64 is 4/3 of the bytes; the text and the form's framing get 1 MiB.
  const bytes = await readBodyCapped(
    req,
    Math.ceil(limits.ATTACHMENTS_MAX_BYTES * 4 / 3) + 2 ** 20,
  );
  let draft: ReplyDraft;
  if (/^multipart\/form-data\b/i.test(type)) {
    const form = await new Request("http://form/", {
      method: "POST",
      headers: { "content-type": type },
      body: bytes as Uint8Array<ArrayBuffer>,
    }).formData().catch(() => {
      throw new InvalidError("The form could not be read", { code: "bad_multipart" });
    });
    const text = form.get("text");
    if (typeof text !== "string") {
      throw new InvalidError("text: required", { code: "invalid_input" });
    }
    const attachments: OutboundAttachment[] = [];
    for (const f of form.getAll("files")) {
      if (typeof f === "string" || f.size === 0) continue;
      attachments.push({
        filename: f.name || "attachment",
        contentType: f.type || "application/octet-stream",
        content: new Uint8Array(await f.arrayBuffer()),
      });
    }
    draft = { text, attachments };
  } else if (/^application\/json\b/i.test(type)) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new InvalidError("The body is not valid JSON", { code: "invalid_json" });
    }
    const parsed = replyRequestSchema.safeParse(json);
    if (!parsed.success) {
      throw new InvalidError(
        parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
        { code: "invalid_input" },
      );
    }
    draft = {
      text: parsed.data.text,
      attachments: (parsed.data.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Uint8Array.from(atob(a.contentBase64), (c) => c.charCodeAt(0)),
      })),
    };
  } else {
    throw new InvalidError('Send JSON ({"text": "..."}) or a multipart form', {
      code: "unsupported_media_type",
    });
  }
  const files = draft.attachments ?? [];
  if (files.length > limits.ATTACHMENTS_MAX_COUNT) {
    throw new InvalidError(`At most ${limits.ATTACHMENTS_MAX_COUNT} files`, {
      code: "too_many_files",
    });
  }
  if (files.reduce((n, f) => n + f.content.length, 0) > limits.ATTACHMENTS_MAX_BYTES) {
    throw new InvalidError(`Files exceed ${limits.ATTACHMENTS_MAX_BYTES} bytes`, {
      code: "files_too_large",
    });
  }
  return draft;
}
