import { z } from "zod";
import { newId } from "../crypto.ts";

/** At most this many files on one manual submission (the pipeline's own limits apply after). */
export const MANUAL_MAX_ATTACHMENTS = 20;

/** The JSON shape of a manual submission (the seed's process-manual). */
export const manualSubmissionSchema = z.strictObject({
  customer_email: z.email().max(320),
  customer_name: z.string().trim().max(200).optional(),
  subject: z.string().trim().max(998).default(""),
  content: z.string().trim().min(1, "content is required").max(1_000_000),
  received_date: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Files sent with the complaint (the /test page's file input), base64. */
  attachments: z.array(z.strictObject({
    filename: z.string().trim().min(1).max(200),
    content_type: z.string().trim().max(200).optional(),
    content: z.base64(),
  })).max(MANUAL_MAX_ATTACHMENTS).optional(),
});
export type ManualSubmission = z.infer<typeof manualSubmissionSchema>;

/**
 * Turn a manual submission into a raw RFC 822 message so it takes the same path as mail:
 * UTF-8 headers as RFC 2047 encoded words, body as base64 text/plain.
 */
export function composeRawEmail(input: ManualSubmission, now: Date): Uint8Array {
  const date = input.received_date ? new Date(input.received_date) : now;
  const from = input.customer_name
    ? `${displayName(input.customer_name)} <${input.customer_email}>`
    : `<${input.customer_email}>`;
  const lines = [
    `From: ${from}`,
    "To: support@inbox-triage.local",
    `Subject: ${encodeWord(input.subject)}`,
    `Date: ${date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <manual-${newId(now.getTime())}@inbox-triage.local>`,
    "MIME-Version: 1.0",
    "X-Inbox-Triage-Source: manual",
    ...body(input),
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
}

/**
 * The body lines: base64 text/plain, or with attachments multipart/mixed of the text and each
 * file (base64). A content type that is not a plain `type/subtype` becomes octet-stream and the
 * file name is sent RFC 2231-encoded, so nothing a submitter types can add a header.
 */
function body(input: ManualSubmission): string[] {
  const text = [
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    ...wrap(base64(new TextEncoder().encode(input.content))),
  ];
  const files = input.attachments ?? [];
  if (files.length === 0) return [...text, ""];
  const boundary = `=_manual_${crypto.randomUUID().replaceAll("-", "")}`;
  const lines = [
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    ...text,
  ];
  for (const f of files) {
    const type = /^[\w.+-]+\/[\w.+-]+$/.test(f.content_type ?? "")
      ? f.content_type!
      : "application/octet-stream";
    const name = rfc2231(f.filename);
    lines.push(
      `--${boundary}`,
      `Content-Type: ${type}; name*=${name}`,
      `Content-Disposition: attachment; filename*=${name}`,
      "Content-Transfer-Encoding: base64",
      "",
      ...wrap(f.content.replace(/\s+/g, "")),
    );
  }
  lines.push(`--${boundary}--`, "");
  return lines;
}

/** A parameter value as RFC 2231 `UTF-8''…` with everything but unreserved characters escaped. */
function rfc2231(value: string): string {
  const escaped = [...new TextEncoder().encode(value.replace(/[\r\n]/g, " "))].map((b) =>
    /[A-Za-z0-9._~-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, "0")}`
  ).join("");
  return `UTF-8''${escaped}`;
}

function wrap(b64: string): string[] {
  return b64.match(/.{1,76}/g) ?? [];
}

/** A display name as an atom, a quoted string, or encoded words, whichever RFC 5322 needs. */
function displayName(name: string): string {
  if (!/^[\x20-\x7e]*$/.test(name)) return encodeWord(name);
  if (!/[()<>\[\]:;@\\,."]/.test(name)) return name;
  return `"${name.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * ASCII text as is; anything else as RFC 2047 encoded words of at most 75 characters, split on
 * whole code points and folded onto continuation lines so no header line passes 998.
 */
function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = "";
  for (const ch of text) {
    // 45 bytes of UTF-8 → 60 base64 chars + 12 for =?UTF-8?B??= stays within 75.
    if (new TextEncoder().encode(chunk + ch).length > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64(new TextEncoder().encode(w))}?=`).join("\r\n ");
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}
