import { decodeText } from "../mime/charset.ts";
import { parseEmail } from "../mime/parse.ts";
import type { AnalysisInput } from "../analyze/port.ts";

/** One labelled email as the evaluation sees it. */
export interface LoadedEmail {
  file: string;
  input: AnalysisInput;
  /** Attachments whose text we can read today (text/plain, CSV, …), by file name. */
  textAttachments: string[];
  /** Attachments that need an extractor (PDF, DOCX, images…), by file name. */
  binaryAttachments: string[];
}

const TEXT_TYPE =
  /^(text\/|application\/(csv|json|xml|x-csv)$|message\/(delivery-status|disposition-notification)$)/;
const TEXT_NAME = /\.(txt|csv|tsv|log|md|json|xml|html?|eml)$/i;

/** Whether an attachment is text already (readable without an extractor). */
export function isTextAttachment(contentType: string, filename: string): boolean {
  if (/^text\/(rtf|richtext)$/.test(contentType)) return false;
  return TEXT_TYPE.test(contentType) || TEXT_NAME.test(filename);
}

/** Text of a text attachment: charset guessed (UTF-8, else windows-1251 / KOI8-R), tags dropped. */
export function attachmentText(contentType: string, content: Uint8Array): string {
  const declared = /charset="?([^";\s]+)/i.exec(contentType)?.[1];
  let text = decodeText(content, declared).text.replace(/\r\n?/g, "\n");
  if (/html|xml/.test(contentType)) text = text.replace(/<[^>]*>/g, " ");
  return text;
}

/** Reads a binary attachment's text (PDF, DOCX, images…) the way the pipeline does. */
export type BinaryExtractor = (
  part: { filename: string; contentType: string; content: Uint8Array },
) => Promise<string>;

/**
 * Parses a raw email into the analyzer's input plus what kinds of attachments it carries. With
 * `extract`, binary attachments are read too, so the scores match what the pipeline sees.
 */
export async function loadEmail(
  file: string,
  raw: Uint8Array,
  extract?: BinaryExtractor,
): Promise<LoadedEmail> {
  const parsed = await parseEmail(raw);
  const attachmentsText: string[] = [];
  const textAttachments: string[] = [];
  const binaryAttachments: string[] = [];
  for (const a of parsed.attachments) {
    if (isTextAttachment(a.contentType, a.filename)) {
      attachmentsText.push(attachmentText(a.contentType, a.content));
      textAttachments.push(a.filename);
    } else {
      binaryAttachments.push(a.filename);
      const text = extract ? await extract(a) : "";
      if (text.trim()) attachmentsText.push(text);
    }
  }
  return {
    file,
    input: {
      subject: parsed.subject,
      body: parsed.text,
      attachmentsText,
      from: parsed.from?.email ?? "",
      receivedAt: parsed.date ?? "",
    },
    textAttachments,
    binaryAttachments,
  };
}

/** Loads every `*.eml` of a directory, sorted by name. */
export async function loadCorpus(dir: URL, extract?: BinaryExtractor): Promise<LoadedEmail[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name.endsWith(".eml")) names.push(e.name);
  }
  names.sort();
  const out: LoadedEmail[] = [];
  for (const name of names) {
    out.push(await loadEmail(name, await Deno.readFile(new URL(name, dir)), extract));
  }
  return out;
}
