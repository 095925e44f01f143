import type { AppContext } from "../ports.ts";
import { readBodyCapped } from "../http/body.ts";
import { InvalidError } from "../errors.ts";
import type { AnalysisResult } from "../analyze/port.ts";
import { type ExtractedFields, extractFile } from "./attachment.ts";

/** The answer of `POST /api/analyze-attachment`. */
export interface AttachmentAnalysis extends ExtractedFields {
  filename: string;
  size: number;
  /** As the upload declared it; `detectedType` is what the bytes are. */
  declaredType: string;
  /** The analyzer's reading of the extracted text; null when there is none. */
  analysis: AnalysisResult | null;
}

// Multipart framing around the file: boundaries, part headers, other small fields.
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Reads one uploaded file (multipart field `file`), extracts its text in the pool like an email
 * attachment, and analyses that text. Nothing is stored.
 */
export async function analyzeAttachment(
  ctx: AppContext,
  req: Request,
): Promise<AttachmentAnalysis> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) {
    throw new InvalidError("Send multipart/form-data with a file", {
      code: "unsupported_media_type",
    });
  }
  const body = await readBodyCapped(req, ctx.config.ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD);
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": type },
    }).formData();
  } catch (err) {
    throw new InvalidError("The multipart body could not be parsed", {
      code: "bad_multipart",
      cause: err,
    });
  }
  const file = form.get("file");
  if (!(file instanceof File)) {
    throw new InvalidError("A multipart field named `file` is required", { code: "missing_file" });
  }
  const content = new Uint8Array(await file.arrayBuffer());
  const declaredType = (file.type || "application/octet-stream").split(";")[0].toLowerCase();
  const extracted = await extractFile(ctx.extractPool, ctx.config, {
    filename: file.name,
    contentType: declaredType,
    content,
  });
  const analysis = extracted.extractedText.trim()
    ? await ctx.analyzer.analyze({
      subject: "",
      body: "",
      attachmentsText: [extracted.extractedText],
      from: "",
      receivedAt: ctx.now().toISOString(),
    })
    : null;
  return { filename: file.name, size: content.length, declaredType, ...extracted, analysis };
}
