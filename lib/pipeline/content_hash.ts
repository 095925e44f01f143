import { sha256Hex } from "../crypto.ts";

const REPLY_PREFIX = /^\s*((re|fwd?|aw|wg|sv|отв|ответ|пер|переслать|fw)\s*(\[\d+\])?\s*:\s*)+/i;

/** Subject without Re:/Fwd:/Отв:/Fw: prefixes, as written (for display). */
export function stripReplyPrefix(subject: string): string {
  return subject.replace(REPLY_PREFIX, "").trim();
}

/** Subject without Re:/Fwd:/Отв:/Fw: prefixes, whitespace folded, lowercased. */
export function normalizeSubject(subject: string): string {
  return stripReplyPrefix(subject).replace(/\s+/g, " ").toLowerCase();
}

/** Body text without quoted lines, attribution lines, signatures and whitespace differences. */
export function normalizeBody(text: string): string {
  const kept: string[] = [];
  for (const line of text.split(/\r?\n|\r/)) {
    if (/^\s*>/.test(line)) continue;
    if (/^-- ?$/.test(line)) break;
    if (/^\s*(on .{4,200} wrote:|.{4,200} (писал|написал)\(?а?\)?:)\s*$/i.test(line)) break;
    if (/^-{2,}\s*(original message|исходное сообщение|forwarded message)/i.test(line)) break;
    kept.push(line);
  }
  return kept.join(" ").replace(/\s+/g, " ").trim().toLowerCase();
}

/** Content hash of a message: sender, normalised subject and normalised body. */
export function contentHash(from: string, subject: string, body: string): Promise<string> {
  return sha256Hex(
    `${from.trim().toLowerCase()}\n${normalizeSubject(subject)}\n${normalizeBody(body)}`,
  );
}
