import { z } from "zod";
import { newId } from "../crypto.ts";

/** The JSON shape of a manual submission (the seed's process-manual). */
export const manualSubmissionSchema = z.strictObject({
  customer_email: z.email().max(320),
  customer_name: z.string().trim().max(200).optional(),
  subject: z.string().trim().max(998).default(""),
  content: z.string().trim().min(1, "content is required").max(1_000_000),
  received_date: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
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
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "X-Inbox-Triage-Source: manual",
    "",
    ...(base64(new TextEncoder().encode(input.content)).match(/.{1,76}/g) ?? []),
    "",
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
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
