import { z } from "zod";
import { InvalidError } from "../errors.ts";
import type { OutboundAttachment, OutboundMail } from "../mail/port.ts";
import type { Complaint } from "../schema/complaint.ts";

/** Longest reply an agent may send (characters); longer is refused, never cut. */
export const REPLY_MAX_CHARS = 20_000;
/** Longest subject we write (the customer's part is cut to fit, the reference always stays). */
const SUBJECT_MAX_CHARS = 200;
/** How many earlier ids `References` keeps (the newest; RFC 5322 lets a client trim it). */
const REFERENCES_MAX = 20;

// Control characters (CR/LF above all) never reach a header: they could start one of their own.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;
// deno-lint-ignore no-control-regex
const HAS_CONTROL = /[\u0000-\u001f\u007f]/;
// "Re:", "RE :", "Fwd:", "AW:", "Antw:" … as many as a long thread piled up.
const REPLY_PREFIX = /^\s*((re|fwd?|aw|wg|sv|antw|ответ|re\[\d+\])\s*:\s*)+/i;

/**
 * The subject of our answer: `Re: <the customer's subject> [#REF]`, on one line, without the
 * customer's own `Re:`/`Fwd:` prefixes or a second copy of the reference.
 */
export function replySubject(complaint: Pick<Complaint, "subject" | "ref">): string {
  const token = `[#${complaint.ref}]`;
  let base = complaint.subject.replace(CONTROL, " ").replace(REPLY_PREFIX, "");
  if (complaint.ref) base = base.split(new RegExp(`\\[#${complaint.ref}\\]`, "i")).join(" ");
  base = base.replace(/\s+/g, " ").trim() || "Your message";
  const room = SUBJECT_MAX_CHARS - "Re:  ".length - (complaint.ref ? token.length : 0);
  if (base.length > room) base = `${base.slice(0, room - 1).trimEnd()}…`;
  return complaint.ref ? `Re: ${base} ${token}` : `Re: ${base}`;
}

/** Whether an id is a real Message-ID (not the `sha256:` stand-in of a message without one). */
function isMessageId(id: string): boolean {
  return id.length > 0 && id.length <= 998 && !id.startsWith("sha256:") && !HAS_CONTROL.test(id) &&
    !/[<>\s]/.test(id);
}

/**
 * The thread as ids for `References`, oldest first, and the customer's last message for
 * `In-Reply-To`: the complaint itself, or the newest inbound message joined to it.
 */
export function threadIds(
  complaint: Pick<Complaint, "messageId" | "messages">,
): { inReplyTo?: string; references: string[] } {
  const all = [complaint.messageId, ...complaint.messages.map((m) => m.messageId)]
    .filter(isMessageId);
  const inbound = [
    complaint.messageId,
    ...complaint.messages.filter((m) => m.direction !== "outbound").map((m) => m.messageId),
  ].filter(isMessageId);
  return {
    inReplyTo: inbound.at(-1),
    references: [...new Set(all)].slice(-REFERENCES_MAX),
  };
}

/** A new Message-ID of ours, `<uuid@domain of SUPPORT_FROM>` (without the brackets). */
export function newMessageId(supportFrom: string): string {
  const domain = supportFrom.slice(supportFrom.lastIndexOf("@") + 1).toLowerCase() || "localhost";
  return `${crypto.randomUUID()}@${domain}`;
}

/** An agent's reply text as we send it: LF line ends, no NULs, not blank, not too long. */
export function replyText(text: string): string {
  // deno-lint-ignore no-control-regex
  const clean = text.replace(/\r\n?/g, "\n").replace(/\u0000/g, "");
  if (!clean.trim()) throw new InvalidError("The reply is empty", { code: "empty_reply" });
  if (clean.length > REPLY_MAX_CHARS) {
    throw new InvalidError(`The reply is longer than ${REPLY_MAX_CHARS} characters`, {
      code: "reply_too_long",
    });
  }
  return clean;
}

/** What an agent writes: the text and any files. */
export interface ReplyDraft {
  text: string;
  attachments?: OutboundAttachment[];
}

/**
 * Our answer to a complaint's customer as a real reply: to the customer, from SUPPORT_FROM,
 * `Re: … [#REF]`, `In-Reply-To`/`References` to the customer's last message, our own
 * Message-ID, plain text. Throws InvalidError when the customer has no address we can write to.
 */
export function composeReply(
  complaint: Pick<Complaint, "customer" | "subject" | "ref" | "messageId" | "messages">,
  draft: ReplyDraft,
  options: { from: string; messageId: string },
): OutboundMail {
  const to = complaint.customer.email.trim();
  if (!z.email().safeParse(to).success) {
    throw new InvalidError("The customer has no address a reply can go to", {
      code: "no_customer_address",
    });
  }
  const { inReplyTo, references } = threadIds(complaint);
  return {
    from: options.from,
    to,
    subject: replySubject(complaint),
    text: replyText(draft.text),
    messageId: options.messageId,
    inReplyTo,
    references: references.length ? references : undefined,
    attachments: draft.attachments,
  };
}
