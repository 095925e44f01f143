/**
 * A postal-mime parser instance adapted for Deno, without forking the package:
 * - body decoders join their chunks into one plain Uint8Array instead of a `Blob`
 *   (under Deno the Blob path made RSS grow without bound over many large mails);
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

type Chunk = ArrayBuffer | ArrayBufferView | string;

interface InternalDecoder {
  chunks: Chunk[];
  remainder?: string;
  flushRemainder?: () => void;
  flushBuffer?: () => void;
  finalize: () => Promise<ArrayBuffer>;
}

/** The parts of postal-mime's MimeNode that parse.ts reads. */
export interface MimeTreeNode {
  state: "header" | "body" | "finished";
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
  currentNode: MimeTreeNode;
  processLine(line: Uint8Array<ArrayBuffer>, isFinal: boolean): Promise<void>;
  collectNode(...args: unknown[]): Promise<void>;
  renderTextContent(): void;
  parse(raw: Uint8Array): Promise<Email>;
}

const encoder = new TextEncoder();

/** Concatenates decoder chunks into one ArrayBuffer (strings are the "\n" line ends). */
export function joinChunks(chunks: Chunk[]): ArrayBuffer {
  const parts: Uint8Array[] = chunks.map((c) =>
    typeof c === "string"
      ? encoder.encode(c)
      : c instanceof ArrayBuffer
      ? new Uint8Array(c)
      : new Uint8Array(c.buffer, c.byteOffset, c.byteLength)
  );
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out.buffer;
}

function replaceFinalize(decoder: InternalDecoder, onWarning: (w: string) => void): void {
  decoder.finalize = () => {
    if (typeof decoder.remainder === "string" && decoder.remainder.length % 4 !== 0) {
      onWarning("base64 body ends mid-group (truncated?)");
    }
    decoder.flushRemainder?.();
    decoder.flushBuffer?.();
    const joined = joinChunks(decoder.chunks);
    decoder.chunks = [];
    return Promise.resolve(joined);
  };
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
    const done = processLine.call(this, input, isFinal);
    const decoder = this.currentNode.contentDecoder;
    if (decoder && decoder !== lastDecoder) {
      lastDecoder = decoder;
      if (!patched.has(decoder)) {
        patched.add(decoder);
        replaceFinalize(decoder, options.onWarning);
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
