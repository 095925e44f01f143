import { decodeText } from "./charset.ts";
import { mboxFromLineLength, readHeaderBlock } from "./header_block.ts";
import { declaredCharsets, normalizeSpace } from "./header_text.ts";
import { parseAddressHeader } from "./addresses.ts";
import { htmlToText, normalizeText, sanitizeEmailHtml } from "./html.ts";
import { type MimeTreeNode, runPostalMime } from "./postal_parser.ts";
import { decodeEncodedWords } from "./rfc2047.ts";
import type { ParsedAddress, ParsedAttachment, ParsedEmail } from "./types.ts";
import { parseDate, scanHeaders, stripAngles } from "./validate.ts";
import { attachmentName, forwardedMessageName } from "./filenames.ts";

const MAX_NESTED_MESSAGES = 5;
// Longer body parts are cut (with a warning): the complaint keeps 1M characters of text anyway,
// every later stage copies what it gets, and the raw email is stored whole.
const MAX_PLAIN_CHARS = 1_000_000;
const MAX_HTML_CHARS = 4_000_000;
const HINT_SCAN = 256 * 1024;
const ascii = new TextDecoder("windows-1252");

/** Text collected from one body position: an alternative group, or a single text part. */
interface TextBlock {
  plain: string[];
  html: string[];
}

interface WalkState {
  blocks: TextBlock[];
  attachments: ParsedAttachment[];
  warnings: string[];
  counters: Map<string, number>;
  /** Inline (or undisposed) text parts with a filename: listed as attachments, and read
   * as the body when the message has no other text. */
  namedText: { node: MimeTreeNode; type: string }[];
  charsets: () => string[];
  depth: number;
}

/**
 * Parses a raw RFC 822 message. Never throws: malformed input (bad boundaries, truncated
 * base64, broken headers) yields whatever is recoverable plus `warnings`.
 */
export async function parseEmail(raw: Uint8Array): Promise<ParsedEmail> {
  const warnings: string[] = [];
  try {
    return await parseMessage(raw, warnings, 0, new Map());
  } catch (err) {
    warnings.push(`parser failure, body read as plain text: ${errorMessage(err)}`);
    return fallbackParse(raw, warnings);
  }
}

async function parseMessage(
  input: Uint8Array,
  warnings: string[],
  depth: number,
  counters: Map<string, number>,
): Promise<ParsedEmail> {
  if (input.length === 0) {
    warnings.push("empty message");
    return emptyEmail(warnings);
  }
  let raw = input.subarray(mboxFromLineLength(input));
  const block = readHeaderBlock(raw);
  if (block.strayLineAt !== undefined) {
    // A line that is neither header nor continuation means the blank line is missing: insert
    // it, so the rest is read as body rather than swallowed as (broken) headers.
    warnings.push(
      block.headers.length
        ? "header block not ended by a blank line; body starts at the first non-header line"
        : "no header block; the whole message is read as body",
    );
    const fixed = new Uint8Array(raw.length + 2);
    fixed.set(raw.subarray(0, block.strayLineAt));
    fixed.set([0x0d, 0x0a], block.strayLineAt);
    fixed.set(raw.subarray(block.strayLineAt), block.strayLineAt + 2);
    raw = fixed;
  }

  let charsetCache: string[] | null = null;
  const charsets = () => {
    // windows-1252 is native and fast; the pattern only needs the ASCII bytes to survive.
    charsetCache ??= declaredCharsets(
      ascii.decode(raw.subarray(0, Math.min(raw.length, HINT_SCAN))),
    );
    return charsetCache;
  };

  const result = await runPostalMime(raw, {
    headerCharsets: charsets,
    onWarning: (w) => pushOnce(warnings, w),
  });
  if (result.error) warnings.push(`MIME structure error: ${result.error.message}`);

  const state: WalkState = {
    blocks: [],
    attachments: [],
    namedText: [],
    warnings,
    counters,
    charsets,
    depth,
  };
  await walk(result.root, state, null, false, true);
  checkTerminators(result.root, raw, warnings);

  const headerList = result.root.headers;
  const headers: Record<string, string> = {};
  for (const h of headerList) {
    if (!h.key || Object.prototype.hasOwnProperty.call(headers, h.key)) continue;
    headers[h.key] = normalizeSpace(decodeEncodedWords(h.value));
  }
  const first = (key: string) => headerList.find((h) => h.key === key)?.value;

  const addresses = (key: string) =>
    headerList.filter((h) => h.key === key).flatMap((h) => parseAddressHeader(h.value));
  const replyTo = addresses("reply-to");
  const from = pickSender(addresses("from"), addresses("sender"), replyTo, warnings);
  const references = (first("references") ?? "").match(/<[^<>]+>/g)?.map(stripAngles) ??
    (first("references") ?? "").split(/\s+/).filter(Boolean);

  let text = joinText(state.blocks);
  if (!text && state.namedText.length) {
    // The customer's only text came as a named inline part ("complaint.txt"): it is the
    // description, and stays listed as an attachment too.
    warnings.push("no body text; inline text part(s) with a filename read as the body");
    for (const { node, type } of state.namedText) await addText(node, type, state, null);
    text = joinText(state.blocks);
  }
  if (!text && !state.attachments.length && result.error) {
    text = fallbackBody(raw, warnings);
  }
  const htmlParts = state.blocks.flatMap((b) => b.html);
  const messageId = first("message-id");
  const inReplyTo = first("in-reply-to");
  const date = first("date");
  const parsedDate = date !== undefined ? parseDate(date) : undefined;
  if (date !== undefined && !parsedDate) warnings.push("Date header does not parse");

  return {
    ...(messageId && stripAngles(messageId) ? { messageId: stripAngles(messageId) } : {}),
    ...(inReplyTo && stripAngles(inReplyTo) ? { inReplyTo: stripAngles(inReplyTo) } : {}),
    references,
    from,
    replyTo,
    to: addresses("to"),
    cc: addresses("cc"),
    subject: headers.subject ?? "",
    ...(parsedDate ? { date: parsedDate } : {}),
    text,
    html: htmlParts.length ? sanitizeEmailHtml(htmlParts.join("\n")).trim() : "",
    attachments: state.attachments,
    headers,
    warnings,
  };
}

async function walk(
  node: MimeTreeNode,
  state: WalkState,
  alternative: TextBlock | null,
  related: boolean,
  isRoot = false,
): Promise<void> {
  const type = mediaType(node.contentType.parsed.value);
  if (node.contentType.multipart) {
    if (!node.childNodes.length) {
      const boundary = node.contentType.parsed.params.boundary;
      state.warnings.push(
        boundary
          ? `${type} boundary "${boundary}" never appears; body read as text`
          : `${type} without a boundary; body read as text`,
      );
      await addText(node, "text/plain", state, alternative, true);
      return;
    }
    const inRelated = related || node.contentType.multipart === "related";
    if (node.contentType.multipart !== "alternative") {
      for (const child of node.childNodes) await walk(child, state, alternative, inRelated);
      return;
    }
    // Placed before the children run, so text they add elsewhere (a forwarded message)
    // still follows it.
    const target = alternative ?? { plain: [], html: [] };
    if (!alternative) state.blocks.push(target);
    const versions: TextBlock[] = [];
    for (const child of node.childNodes) {
      const version: TextBlock = { plain: [], html: [] };
      versions.push(version);
      await walk(child, state, version, inRelated);
    }
    const chosen = chooseVersion(versions);
    target.plain.push(...chosen.plain);
    target.html.push(...chosen.html);
    return;
  }

  const disposition = node.contentDisposition.parsed.value;
  const filename = node.contentDisposition.parsed.params.filename ||
    node.contentType.parsed.params.name || "";
  const isBodyText = (type === "text/plain" || type === "text/html") &&
    disposition !== "attachment" && (!filename || alternative !== null || isRoot);
  if (isBodyText) {
    await addText(node, type, state, alternative);
    return;
  }
  if ((type === "text/plain" || type === "text/html") && disposition !== "attachment") {
    state.namedText.push({ node, type });
  }

  const isMessage = type === "message/rfc822" || type === "message/global";
  if (isMessage && node.content) {
    const bytes = new Uint8Array(node.content);
    // A forwarded message is kept whole as an .eml attachment (named after its subject),
    // and unless it was explicitly an attachment its text joins the body.
    const name = filename || forwardedMessageName(normalizeSpace(scanHeaders(bytes).subject ?? ""));
    state.attachments.push(toAttachment(node, type, name, related, state));
    if (disposition !== "attachment" && state.depth < MAX_NESTED_MESSAGES) {
      const inner = await parseMessage(bytes, state.warnings, state.depth + 1, state.counters);
      state.blocks.push({ plain: [forwardedText(inner)], html: [] });
      state.attachments.push(...inner.attachments);
    }
    return;
  }
  if (!node.content || (node.content.byteLength === 0 && !filename)) return;
  state.attachments.push(toAttachment(node, type, filename, related, state));
}

// RFC 2045 §5.1: type "/" subtype, both tokens.
const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * The media type a part is read as. RFC 2045 §5.2: a syntactically invalid Content-Type
 * ("text" without a subtype, an empty value, parameters only) is taken as the default,
 * text/plain — otherwise the customer's text would be filed as an unnamed .bin attachment.
 * Its parameters (charset) still apply. postal-mime has already lowercased the value.
 */
function mediaType(value: string): string {
  return MEDIA_TYPE.test(value) ? value : "text/plain";
}

async function addText(
  node: MimeTreeNode,
  type: string,
  state: WalkState,
  alternative: TextBlock | null,
  brokenMultipart = false,
): Promise<void> {
  const max = type === "text/html" ? MAX_HTML_CHARS : MAX_PLAIN_CHARS;
  let bytes = node.content ? new Uint8Array(node.content) : new Uint8Array(0);
  // No charset takes more than 4 bytes a character: decoding this much gives `max` at least,
  // without holding a string of the whole part.
  if (bytes.length > max * 4) bytes = bytes.subarray(0, max * 4);
  const charset = node.contentType.parsed.params.charset;
  const decoded = decodeText(bytes, charset, state.charsets);
  if (decoded.warning) pushOnce(state.warnings, decoded.warning);
  let text = decoded.text;
  if (text.length > max || bytes.length < (node.content?.byteLength ?? 0)) {
    pushOnce(
      state.warnings,
      `a long ${type} part was cut to ${max} characters (the raw email is kept whole)`,
    );
    text = text.slice(0, max);
  }
  if (type === "text/plain" && /^flowed$/i.test(node.contentType.parsed.params.format ?? "")) {
    text = node.decodeFlowedText(text, /^yes$/i.test(node.contentType.parsed.params.delsp ?? ""));
  }
  if (type === "text/plain") text = await splitGluedParts(text, state, brokenMultipart);
  const target = alternative ?? { plain: [], html: [] };
  if (!alternative) state.blocks.push(target);
  (type === "text/html" ? target.html : target.plain).push(text);
}

// A delimiter-like line ("--" and a boundary) directly followed by a Content-* header.
const GLUED_DELIMITER =
  /^(--[^\s]{6,})\r?\n(?=content-(?:type|transfer-encoding|disposition)\s*:)/im;

/**
 * A broken boundary glues the following parts onto a text part: a line "--something"
 * followed by Content-* headers. Each glued part is parsed on its own: an attachment is
 * recovered (its encoded payload leaves the text), an encoded or HTML text part is replaced
 * by its decoded text, in place. Unless the text is known to be a multipart whose boundary
 * was lost (`structural`), a part that reads the same as written — a customer quoting a
 * MIME part in a plain-text mail — stays as written, and so does everything around the
 * glued parts: nothing the customer wrote is dropped or moved.
 */
async function splitGluedParts(
  text: string,
  state: WalkState,
  structural: boolean,
): Promise<string> {
  let m = text.match(GLUED_DELIMITER);
  if (!m) return text;
  const out: string[] = [];
  let rest = text;
  let recovered = 0;
  let rewritten = false;
  while (m && m.index !== undefined) {
    out.push(rest.slice(0, m.index));
    const region = rest.slice(m.index);
    const { segments, end } = gluedSegments(region, m[1]);
    const replaced: string[] = [];
    let changed = false;
    for (const segment of segments) {
      const body = segment.slice(segment.indexOf("\n") + 1);
      if (state.depth >= MAX_NESTED_MESSAGES || !/^content-/i.test(body)) {
        replaced.push(structural ? body : segment);
        continue;
      }
      const inner = await parseMessage(
        new TextEncoder().encode(body),
        [],
        state.depth + 1,
        state.counters,
      );
      if (inner.attachments.length) {
        recovered += inner.attachments.length;
        state.attachments.push(...inner.attachments);
      } else if (
        !structural && (!inner.text.trim() || squash(segment).includes(squash(inner.text)))
      ) {
        replaced.push(segment);
        continue;
      }
      changed = true;
      replaced.push(inner.text);
    }
    // Untouched, the region is kept byte for byte, closing delimiter included; rewritten,
    // its pieces become paragraphs.
    const pieces = replaced.map((r) => r.trim()).filter(Boolean);
    out.push(changed ? (pieces.length ? `${pieces.join("\n\n")}\n` : "") : region.slice(0, end));
    rewritten ||= changed;
    rest = region.slice(end);
    m = rest.match(GLUED_DELIMITER);
  }
  out.push(rest);
  if (rewritten) {
    state.warnings.push(
      "text part contains an unparsed MIME part (broken boundary); decoded in place",
    );
  }
  if (recovered) {
    state.warnings.push(`recovered ${recovered} attachment(s) after a broken boundary`);
  }
  return out.join("");
}

/**
 * Splits `region` (which starts with a `delimiter` line) into the segments between delimiter
 * lines, each starting with its delimiter line; `end` is just past the closing delimiter, or
 * the end of the region when it never closes.
 */
function gluedSegments(region: string, delimiter: string): { segments: string[]; end: number } {
  const segments: string[] = [];
  let start = 0;
  let pos = 0;
  while (pos < region.length) {
    const nl = region.indexOf("\n", pos);
    const next = nl < 0 ? region.length : nl + 1;
    const line = region.slice(pos, next).replace(/\s+$/, "");
    if (line === delimiter || line === `${delimiter}--`) {
      if (pos > start) segments.push(region.slice(start, pos));
      start = pos;
      if (line !== delimiter) return { segments, end: next };
    }
    pos = next;
  }
  if (region.length > start) segments.push(region.slice(start));
  return { segments, end: region.length };
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function toAttachment(
  node: MimeTreeNode,
  type: string,
  filename: string,
  related: boolean,
  state: WalkState,
): ParsedAttachment {
  const disposition = node.contentDisposition.parsed.value;
  const contentId = node.contentId ? stripAngles(node.contentId) : "";
  // Outlook names inline images only in the Content-ID ("image001.png@01DB…").
  const cidName = contentId.match(/^([^@\s/\\]+\.[A-Za-z0-9]{2,4})@/)?.[1] ?? "";
  return {
    filename: attachmentName(decodeEncodedWords(filename) || cidName, type, state.counters),
    contentType: type,
    content: node.content ? new Uint8Array(node.content) : new Uint8Array(0),
    ...(contentId ? { contentId } : {}),
    disposition: disposition === "inline" ? "inline" : disposition ? "attachment" : null,
    related: related && Boolean(contentId),
  };
}

/**
 * One body out of a multipart/alternative: every child is the same content in another form,
 * so joining them repeats the customer's text. RFC 2046 §5.1.4 orders them from plainest to
 * richest, so the last version that has plain text gives the text, and the last that has
 * HTML gives the HTML shown beside it.
 */
function chooseVersion(versions: TextBlock[]): TextBlock {
  const last = (has: (v: TextBlock) => boolean) => versions.findLast(has);
  const plain = last((v) => v.plain.some((p) => p.trim() !== ""))?.plain ?? [];
  const html = last((v) => v.html.some((h) => h.trim() !== ""))?.html ?? [];
  return { plain, html };
}

function forwardedText(inner: ParsedEmail): string {
  const lines = ["---------- Forwarded message ----------"];
  if (inner.from) lines.push(`From: ${formatAddress(inner.from)}`);
  if (inner.date) lines.push(`Date: ${inner.date}`);
  if (inner.subject) lines.push(`Subject: ${inner.subject}`);
  if (inner.to.length) lines.push(`To: ${inner.to.map(formatAddress).join(", ")}`);
  return `${lines.join("\n")}\n\n${inner.text}`;
}

function formatAddress(a: ParsedAddress): string {
  return a.name ? `${a.name} <${a.email}>` : a.email;
}

function joinText(blocks: TextBlock[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    const plain = normalizeText(block.plain.join("\n"));
    if (plain.trim()) parts.push(plain);
    else if (block.html.length) {
      const converted = htmlToText(block.html.join("\n"));
      if (converted.trim()) parts.push(converted);
    }
  }
  return parts.join("\n\n");
}

/**
 * The first From mailbox with an address; when From has none (missing, "<>", a bare name),
 * Sender, then Reply-To — for a complaint inbox the point is whom to answer.
 */
function pickSender(
  from: ParsedAddress[],
  sender: ParsedAddress[],
  replyTo: ParsedAddress[],
  warnings: string[],
): ParsedAddress | null {
  const withAddress = (list: ParsedAddress[]) => list.find((a) => a.email.includes("@"));
  const found = withAddress(from);
  if (found) return found;
  const alt = withAddress(sender) ?? withAddress(replyTo);
  if (alt) {
    warnings.push(
      `From has no usable address; sender taken from ${
        withAddress(sender) ? "Sender" : "Reply-To"
      }`,
    );
    return alt;
  }
  return from[0] ?? null;
}

function checkTerminators(root: MimeTreeNode, raw: Uint8Array, warnings: string[]): void {
  const visit = (node: MimeTreeNode) => {
    const boundary = node.contentType.parsed.params.boundary;
    if (node.contentType.multipart && boundary && node.childNodes.length) {
      if (indexOf(raw, new TextEncoder().encode(`--${boundary}--`)) < 0) {
        warnings.push(
          `${node.contentType.parsed.value} "${boundary}" has no closing delimiter (truncated?)`,
        );
      }
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  if (!needle.length) return 0;
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first);
    i >= 0 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function fallbackBody(raw: Uint8Array, warnings: string[]): string {
  const block = readHeaderBlock(raw);
  const decoded = decodeText(raw.subarray(block.bodyStart));
  if (decoded.warning) warnings.push(decoded.warning);
  return normalizeText(decoded.text);
}

function fallbackParse(raw: Uint8Array, warnings: string[]): ParsedEmail {
  const email = emptyEmail(warnings);
  try {
    const block = readHeaderBlock(raw);
    for (const h of block.headers) {
      if (!(h.name in email.headers)) {
        email.headers[h.name] = normalizeSpace(decodeEncodedWords(decodeText(bytesOf(h.raw)).text));
      }
    }
    email.subject = email.headers.subject ?? "";
    email.text = fallbackBody(raw, warnings);
  } catch (err) {
    warnings.push(`fallback failed: ${errorMessage(err)}`);
  }
  return email;
}

function bytesOf(latin1Text: string): Uint8Array {
  const out = new Uint8Array(latin1Text.length);
  for (let i = 0; i < latin1Text.length; i++) out[i] = latin1Text.charCodeAt(i);
  return out;
}

/** A parse result with nothing in it (an empty message; a base for test fixtures). */
export function emptyEmail(warnings: string[] = []): ParsedEmail {
  return {
    references: [],
    from: null,
    replyTo: [],
    to: [],
    cc: [],
    subject: "",
    text: "",
    html: "",
    attachments: [],
    headers: {},
    warnings,
  };
}

function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
