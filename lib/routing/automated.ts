import type { ParsedEmail } from "../mime/types.ts";

export type AutomatedKind = "auto-reply" | "bulk" | "bounce";

export interface Automated {
  kind: AutomatedKind;
  reason: string;
}

const OUT_OF_OFFICE = new RegExp(
  [
    "^(auto(matic)?[ -]?(reply|response|antwort)|autoreply|out of (the )?office|ooo\\b)",
    "^(i am|i'm) (out of the office|away|on (vacation|holiday|leave))",
    "^(автоответ|автоматический ответ|вне офиса|меня нет на месте)",
    // A whole subject like "Я в отпуске до 14 октября", not "Я в отпуске, доставьте после…".
    "^(я |нахожусь )?(в отпуске|на больничном)( до [^,.!?;]+)?$",
    "^(abwesenheitsnotiz|absence|réponse automatique)",
  ].join("|"),
  "i",
);
const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|bounces?)@/i;
const BOUNCE_SUBJECT =
  /^\s*(undeliver(able|ed)|delivery (status notification|failure|has failed)|mail delivery failed|returned mail|failure notice|недоставленное сообщение|не удалось доставить)/i;

/**
 * Whether a message was sent by a machine rather than a customer: an auto-reply, bulk or list
 * mail, or a bounce. Such messages never become complaints (loop protection).
 */
export function classifyAutomated(email: ParsedEmail): Automated | null {
  const h = email.headers;
  const contentType = (h["content-type"] ?? "").toLowerCase();
  const from = email.from?.email ?? "";
  if (
    /multipart\/report/.test(contentType) && /report-type\s*=\s*"?delivery-status/.test(contentType)
  ) {
    return { kind: "bounce", reason: "bounce: delivery status report" };
  }
  if (BOUNCE_SENDER.test(from) || (!from && BOUNCE_SUBJECT.test(email.subject))) {
    return { kind: "bounce", reason: `bounce: sent by ${from || "an empty sender"}` };
  }
  if (email.attachments.some((a) => a.contentType === "message/delivery-status")) {
    return { kind: "bounce", reason: "bounce: carries a delivery status" };
  }
  const autoSubmitted = (h["auto-submitted"] ?? "").trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") {
    return { kind: "auto-reply", reason: `auto-reply: Auto-Submitted: ${autoSubmitted}` };
  }
  for (const name of ["x-autoreply", "x-autorespond", "x-auto-response-suppress"]) {
    if (h[name] !== undefined) return { kind: "auto-reply", reason: `auto-reply: ${name} header` };
  }
  const precedence = (h["precedence"] ?? "").trim().toLowerCase();
  if (/^(bulk|junk|list)$/.test(precedence)) {
    return { kind: "bulk", reason: `bulk: Precedence: ${precedence}` };
  }
  if (h["list-id"] !== undefined) return { kind: "bulk", reason: "bulk: List-Id header" };
  if (h["list-unsubscribe"] !== undefined) {
    return { kind: "bulk", reason: "bulk: List-Unsubscribe header" };
  }
  if (OUT_OF_OFFICE.test(email.subject.replace(/^\s*((re|fwd?|aw|отв|ответ)\s*:\s*)*/i, ""))) {
    return { kind: "auto-reply", reason: "auto-reply: out-of-office subject" };
  }
  return null;
}

/**
 * Message-IDs a bounce names (from its returned headers or message) so it can be noted on the
 * complaint it concerns.
 */
export function bouncedMessageIds(email: ParsedEmail): string[] {
  const texts = [email.text];
  for (const a of email.attachments) {
    if (/^(message\/(rfc822|delivery-status)|text\/rfc822-headers)$/.test(a.contentType)) {
      texts.push(new TextDecoder().decode(a.content.subarray(0, 64 * 1024)));
    }
  }
  const ids = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/^(?:message-id|original-message-id):\s*<([^<>\s]+)>/gim)) {
      ids.add(m[1]);
    }
  }
  if (email.messageId) ids.delete(email.messageId);
  return [...ids];
}
