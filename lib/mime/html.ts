import sanitizeHtml from "sanitize-html";
import { compile } from "html-to-text";

// Inline CSS is kept only for harmless presentation properties, and only with values that
// cannot load anything or run anything (no url(), expression(), var(), escapes).
const SAFE_VALUE =
  /^(?!.*(?:url|expression|image-set|image|var|attr|env|element|paint)\s*\()(?!.*[\\@<>])[#\w\s.,%()'"+\-/!]*$/i;
const STYLE_PROPERTIES = [
  "color",
  "background-color",
  "font-family",
  "font-size",
  "font-style",
  "font-weight",
  "text-align",
  "text-decoration",
  "vertical-align",
  "white-space",
  "line-height",
  "margin",
  "margin-left",
  "margin-right",
  "margin-top",
  "margin-bottom",
  "padding",
  "padding-left",
  "padding-right",
  "padding-top",
  "padding-bottom",
  "border",
  "border-collapse",
  "width",
  "height",
];
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|bmp);base64,[A-Za-z0-9+/=\s]*$/i;

// sanitize-html ships no types; these are the parts of its option shape used here.
type Attribs = Record<string, string>;
type Transform = (tagName: string, attribs: Attribs) => { tagName: string; attribs: Attribs };

const OPTIONS: Record<string, unknown> & { transformTags: Record<string, Transform> } = {
  allowedTags: [
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "tt",
    "u",
    "ul",
  ],
  allowedAttributes: {
    a: ["href", "title", "target", "rel"],
    img: ["src", "alt", "title", "width", "height", "data-cid"],
    font: ["color", "size", "face"],
    td: ["colspan", "rowspan", "align", "valign", "width", "bgcolor"],
    th: ["colspan", "rowspan", "align", "valign", "width", "bgcolor"],
    table: ["border", "cellpadding", "cellspacing", "width", "align", "bgcolor"],
    "*": ["style", "align", "dir", "lang"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["data"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  allowedStyles: { "*": Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_VALUE]])) },
  // Contents of these are dropped with the tag, not shown as text.
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "noscript",
    "title",
    "head",
    "xml",
    "template",
  ],
  disallowedTagsMode: "discard",
  transformTags: {
    img: (tagName: string, attribs: Attribs) => {
      const out: Record<string, string> = {};
      for (const key of ["alt", "title", "width", "height", "style"]) {
        // Markup inside alt text is only ever an injection attempt; it is dropped, not shown.
        if (attribs[key] !== undefined && !/[<>]/.test(attribs[key])) out[key] = attribs[key];
      }
      const src = (attribs.src ?? "").trim();
      if (/^cid:/i.test(src)) out["data-cid"] = src.slice(4).replace(/^<|>$/g, "");
      else if (SAFE_DATA_IMAGE.test(src)) out.src = src;
      // Remote images are dropped: they track the reader and load third-party content.
      return { tagName, attribs: out };
    },
    a: (tagName: string, attribs: Attribs) => {
      const out: Attribs = { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" };
      // sanitize-html lets "javascript\x3A…" through as a relative URL; browsers do too, but
      // nothing that spells a script scheme should survive, whatever the obfuscation.
      // deno-lint-ignore no-control-regex
      const squashed = (out.href ?? "").replace(/[\s\\\u0000-\u001f]+|&#?\w+;?/g, "").toLowerCase();
      if (/(?:java|vb|live)script|data:/.test(squashed)) delete out.href;
      return { tagName, attribs: out };
    },
  },
};

/**
 * Sanitizes email HTML for `innerHTML`: no script, event handlers, javascript: URLs, CSS
 * that loads or evaluates anything, forms, frames or embedded objects. Remote images lose
 * their `src`; `cid:` references become `data-cid` so the UI can resolve inline parts.
 */
export function sanitizeEmailHtml(html: string): string {
  // Past this size the sanitizer's memory grows into gigabytes; such a body is shown as text.
  if (html.length > MAX_HTML_CHARS) return "";
  return String(sanitizeHtml(html, OPTIONS));
}

/** HTML larger than this is not kept for display and is read by a plain tag strip. */
export const MAX_HTML_CHARS = 2_000_000;

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

// Compiled once: building the selector tree per call costs more than a small conversion.
const convert = compile({
  wordwrap: false,
  limits: { maxDepth: 200, maxInputLength: 16_777_216 },
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "a", options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
    ...HEADINGS,
  ],
});

/** Converts (untrusted) email HTML to readable plain text; never throws. */
export function htmlToText(html: string): string {
  let text: string;
  try {
    if (html.length > MAX_HTML_CHARS) throw new Error("too large for the converter");
    text = convert(html);
  } catch {
    // Pathological markup: fall back to stripping tags.
    text = decodeEntities(
      html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
        .replace(/<(br|p|div|tr|li|h[1-6])\b[^>]*>/gi, "\n")
        .replace(/<[^>]*>/g, " "),
    );
  }
  return normalizeText(text);
}

/** CRLF/CR → LF, trailing whitespace per line removed, runs of blank lines capped at two. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    // deno-lint-ignore no-control-regex -- NUL/control bytes from untrusted mail are removed on purpose
    .replace(/\u0000/g, "")
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{4,}/g, "\n\n\n")
    .replace(/^\n+/, "")
    .replace(/\s+$/, "");
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** The common HTML entities, decimal and hex references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X"
        ? parseInt(e.slice(2), 16)
        : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}
