/**
 * The sign-off of a letter: closing formula, name and phone, "Sent from my iPhone", legal
 * disclaimers. None of it says what the letter is about, yet disclaimers are full of loaded words
 * ("unauthorised use", "delivery", "confidential"), so they are cut before scoring.
 */

/** The letter's message, and the sign-off that followed it. */
export interface SplitTail {
  body: string;
  tail: string;
}

// A line that opens a signature block by convention ("-- ", underscores) or a mobile footer.
const SIGNATURE_RULE = /^\s*(?:--\s*|_{3,}\s*|—\s*)$/;
const MOBILE_FOOTER = new RegExp(
  "^\\s*(?:sent from my|sent from (?:outlook|mail|yahoo)|get outlook for|" +
    "отправлено (?:с|из) |с уважением, отправлено|жіберілді )",
  "i",
);
// Closing formulas in en/ru/kk, written alone on their line (a comma or "!" may follow).
const CLOSING = new RegExp(
  "^\\s*(?:(?:best|kind|warm|many)\\s+(?:regards|wishes|thanks)|regards|sincerely(?: yours)?|" +
    "yours (?:sincerely|faithfully|truly)|best|cheers|thanks(?: a lot| again| in advance)?|" +
    "thank you(?: in advance)?|с уважением|с наилучшими пожеланиями|всего (?:доброго|хорошего)|" +
    "спасибо(?: заранее)?|заранее (?:спасибо|благодарю)|благодарю|құрметпен|рақмет|рахмет|" +
    "алдын ала рақмет)\\s*[,.!]?\\s*$",
  "i",
);
// Words legal footers are made of; two of them in one paragraph make it a disclaimer.
const DISCLAIMER_WORDS = new RegExp(
  "confidential|privileged|intended (?:solely |only )?for|intended recipient|addressee|" +
    "received (?:this|it) in error|notify the sender|prohibited|virus|" +
    "конфиденциальн|предназначен|адресат|получили (?:это|данное) (?:письмо|сообщение) по ошибке|" +
    "уведомите отправителя|запрещ|құпия|жіберушіге хабарла",
  "gi",
);

// How much may follow a closing formula for it to be the end of the letter: a name, a title, a
// phone number, a company; a closing followed by more prose was a polite aside.
const MAX_SIGNATURE_LINES = 6;
const MAX_SIGNATURE_LINE = 80;

/**
 * Splits the sender's own text into the message and its sign-off (closing formula with the lines
 * under it, signature block, mobile footer, confidentiality disclaimer). The first line is never
 * cut: a one-line "Thanks!" is the message itself.
 */
export function splitTail(own: string): SplitTail {
  const lines = own.split("\n");
  let cut = lines.length;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (SIGNATURE_RULE.test(line) || MOBILE_FOOTER.test(line)) {
      cut = i;
      break;
    }
    if (CLOSING.test(line) && isSignatureBelow(lines, i + 1)) {
      cut = i;
      break;
    }
    if (isDisclaimerAt(lines, i)) {
      cut = i;
      break;
    }
  }
  if (cut === lines.length) return { body: own, tail: "" };
  return { body: lines.slice(0, cut).join("\n").trim(), tail: lines.slice(cut).join("\n").trim() };
}

/** Whether the lines from `from` on are only a short signature (name, title, phone). */
function isSignatureBelow(lines: string[], from: number): boolean {
  let count = 0;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    if (isDisclaimerAt(lines, i) || MOBILE_FOOTER.test(line) || SIGNATURE_RULE.test(line)) {
      return true;
    }
    if (line.length > MAX_SIGNATURE_LINE || ++count > MAX_SIGNATURE_LINES) return false;
  }
  return true;
}

/** Whether a disclaimer paragraph starts at line `i` (it runs to the next blank line). */
function isDisclaimerAt(lines: string[], i: number): boolean {
  // Only the start of a paragraph (after a blank line or a signature rule) opens a disclaimer.
  if (!lines[i].trim()) return false;
  if (i > 0 && lines[i - 1].trim() && !SIGNATURE_RULE.test(lines[i - 1])) return false;
  let paragraph = "";
  for (let j = i; j < lines.length && lines[j].trim(); j++) paragraph += lines[j] + " ";
  const found = new Set((paragraph.match(DISCLAIMER_WORDS) ?? []).map((w) => w.toLowerCase()));
  return found.size >= 2;
}
