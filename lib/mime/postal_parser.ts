/**
 * A postal-mime parser instance adapted for Deno, without forking the package:
 * - body decoders collect their output in one growing Uint8Array instead of a `Blob` of
 *   per-line chunks (under Deno the Blob path made RSS grow without bound over many large
 *   mails, and per-line chunks cost over 10× a large text part);
 * - raw 8-bit header lines that are not UTF-8 are transcoded before postal-mime decodes
 *   them as UTF-8 (which would turn windows-1251/KOI8-R/GB2312 headers into U+FFFD);
 * - postal-mime's own body assembly is switched off: parse.ts walks the MIME tree itself.
 *
 * This reaches into postal-mime internals (stripped from its .d.ts), so the shapes used are
 * declared below; the version is pinned and parse_test.ts / postal_parser_test.ts cover them.
 */
import PostalMime from "postal-mime";
import type { Email } from "postal-mime";
import { decodeText, isValidUtf8 } from "./charset.ts";
import { headerFieldFollows, isHeaderFieldLine, latin1 } from "./header_block.ts";

type Chunk = ArrayBuffer | ArrayBufferView | string;

interface InternalDecoder {
  /** postal-mime only ever calls `push` on it (and reads it in finalize, which we replace). */
  chunks: Chunk[] | ByteSink;
  remainder?: string;
  flushRemainder?: () => void;
  flushBuffer?: () => void;
  finalize: () => Promise<ArrayBuffer>;
}

/** The parts of postal-mime's MimeNode that parse.ts reads. */
export interface MimeTreeNode {
  state: "header" | "body" | "finished";
  /** Raw header lines collected so far, while `state` is "header". */
  headerLines: string[];
  headers: { key: string; originalKey: string; value: string }[];
  childNodes: MimeTreeNode[];
  contentType: {
    value: string;
    parsed: { value: string; params: Record<string, string> };
    multipart: string | false;
  };
  contentDisposition: { value: string; parsed: { value: string; params: Record<string, string> } };
  contentTransferEncoding: { value: string; encoding: string };
  contentId?: string;
  contentDecoder: InternalDecoder | null;
  content: ArrayBuffer | null;
  decodeFlowedText(str: string, delSp: boolean): string;
}

interface Internals {
  root: MimeTreeNode;
  /** The message bytes and the offset of the next line to read (for looking ahead). */
  av: Uint8Array;
  readPos: number;
  currentNode: MimeTreeNode;
  processLine(line: Uint8Array<ArrayBuffer>, isFinal: boolean): Promise<void>;
  collectNode(...args: unknown[]): Promise<void>;
  renderTextContent(): void;
  parse(raw: Uint8Array): Promise<Email>;
}

const encoder = new TextEncoder();

const NEWLINE = encoder.encode("\n");

function asBytes(chunk: Chunk): Uint8Array {
  return typeof chunk === "string"
    ? (chunk === "\n" ? NEWLINE : encoder.encode(chunk))
    : chunk instanceof ArrayBuffer
    ? new Uint8Array(chunk)
    : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Stands in for a body decoder's `chunks` array: postal-mime pushes one chunk per line (and a
 * "\n" after each), which for a 20 MB text part is 700k small arrays, over 10× the part in
 * memory. This appends into one buffer that doubles as it fills instead.
 */
export class ByteSink {
  #buf: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  #len = 0;

  /** Bytes collected so far. */
  get length(): number {
    return this.#len;
  }

  push(chunk: Chunk): number {
    const bytes = asBytes(chunk);
    if (this.#len + bytes.length > this.#buf.length) {
      const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + bytes.length));
      grown.set(this.#buf.subarray(0, this.#len));
      this.#buf = grown;
    }
    this.#buf.set(bytes, this.#len);
    this.#len += bytes.length;
    return this.#len;
  }

  /** Everything collected, as one ArrayBuffer; the sink is empty after. */
  take(): ArrayBuffer {
    const out = this.#buf.buffer.transfer(this.#len);
    this.#buf = new Uint8Array(1024);
    this.#len = 0;
    return out;
  }
}

function replaceChunks(decoder: InternalDecoder, onWarning: (w: string) => void): void {
  const sink = new ByteSink();
  for (const chunk of decoder.chunks as Chunk[]) sink.push(chunk);
  decoder.chunks = sink;
  decoder.finalize = () => {
    if (typeof decoder.remainder === "string" && decoder.remainder.length % 4 !== 0) {
      onWarning("base64 body ends mid-group (truncated?)");
    }
    decoder.flushRemainder?.();
    decoder.flushBuffer?.();
    return Promise.resolve(sink.take());
  };
}

const EMPTY_LINE = new Uint8Array(0);
const FOLD = new Uint8Array([0x20]);

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * How to read `line` when it arrives while a (non-root) part is in its header block and is
 * neither blank, nor folded, nor a possible boundary, nor a header field:
 * - "parameter": the previous header ended in ";", so this is its next parameter, unindented
 *   (it is folded back, or `name="x.pdf"` is lost);
 * - "body": no header field follows before the next blank line or boundary, so the blank line
 *   after the headers is missing and this is the first line of text;
 * - null: anything else (a broken continuation among headers is left to postal-mime).
 */
function strayHeaderLine(parser: Internals, line: Uint8Array): "parameter" | "body" | null {
  const node = parser.currentNode;
  if (node === parser.root || node.state !== "header" || !line.length) return null;
  const first = line[0];
  if (first === 0x20 || first === 0x09 || (first === 0x2d && line[1] === 0x2d)) return null;
  if (isHeaderFieldLine(latin1(line.subarray(0, 256)))) return null;
  if (node.headerLines.at(-1)?.trimEnd().endsWith(";")) return "parameter";
  return headerFieldFollows(parser.av, parser.readPos) ? null : "body";
}

/** Options for {@link runPostalMime}. */
export interface RunOptions {
  /** Charsets the message declares, for raw 8-bit header lines that are not UTF-8 (lazy). */
  headerCharsets: () => string[];
  onWarning: (warning: string) => void;
}

/** A finished (or, after an error, partial) parse: postal-mime's header data plus the MIME tree. */
export interface RunResult {
  email: Email | null;
  root: MimeTreeNode;
  error?: Error;
}

/** Parses `raw` with postal-mime adapted as described in the module comment. Never throws. */
export async function runPostalMime(raw: Uint8Array, options: RunOptions): Promise<RunResult> {
  const parser = new PostalMime({
    // message/rfc822 parts stay parts; parse.ts parses them itself (with this same adapter).
    forceRfc822Attachments: true,
    attachmentEncoding: "arraybuffer",
  }) as unknown as Internals;
  const processLine = parser.processLine;
  const patched = new WeakSet<InternalDecoder>();
  let lastDecoder: InternalDecoder | null = null;
  let transcoded = false;
  let bodyRecovered = false;
  // Not async on purpose: an extra await per line costs a quarter of the parse time on
  // large mails. processLine sets up a part's decoder synchronously (in feed), so it can be
  // patched right after the call returns, before any body line reaches finalize.
  parser.processLine = function (line, isFinal) {
    let input = line;
    if (this.currentNode.state === "header" && !isValidUtf8(line)) {
      const { text } = decodeText(line, undefined, options.headerCharsets());
      input = encoder.encode(text) as Uint8Array<ArrayBuffer>;
      if (!transcoded) {
        transcoded = true;
        options.onWarning("raw 8-bit header lines decoded by guess");
      }
    }
    let done: Promise<void>;
    const stray = strayHeaderLine(this, line);
    if (stray === "body") {
      // A part whose headers run straight into its text: end the header block here, as
      // parse.ts does for the top-level headers, or the text is swallowed as headers.
      if (!bodyRecovered) {
        bodyRecovered = true;
        options.onWarning(
          "a MIME part's headers are not followed by a blank line; its body starts at the first non-header line",
        );
      }
      const blank = processLine.call(this, EMPTY_LINE, false);
      done = blank.then(() => processLine.call(this, input, isFinal));
    } else {
      if (stray === "parameter") input = concatBytes(FOLD, input);
      done = processLine.call(this, input, isFinal);
    }
    const decoder = this.currentNode.contentDecoder;
    if (decoder && decoder !== lastDecoder) {
      lastDecoder = decoder;
      if (!patched.has(decoder)) {
        patched.add(decoder);
        replaceChunks(decoder, options.onWarning);
      }
    }
    return done;
  };
  parser.collectNode = () => Promise.resolve();
  parser.renderTextContent = () => {};
  try {
    const email = await parser.parse(raw);
    return { email, root: parser.root };
  } catch (err) {
    return {
      email: null,
      root: parser.root,
      error: err instanceof Error ? err : new Error(String(err)),
    };
  }
}
