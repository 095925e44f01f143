import type Anthropic from "@anthropic-ai/sdk";
import { Buffer } from "node:buffer";
import type { AnalysisFile } from "../port.ts";

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
type ImageType = typeof IMAGE_TYPES[number];

/** Limits that keep one request well inside the Messages API's (5 MB per image, 32 MB total). */
export const FILE_LIMITS = { maxFiles: 5, maxImageBytes: 5_000_000, maxTotalBytes: 20_000_000 };

/**
 * Images and PDFs as image/document blocks, in order, skipping other types and anything past
 * the limits (those still reach Claude as extracted text, when there is any).
 */
export function fileBlocks(
  files: AnalysisFile[],
  limits = FILE_LIMITS,
): (Anthropic.ImageBlockParam | Anthropic.DocumentBlockParam)[] {
  const blocks: (Anthropic.ImageBlockParam | Anthropic.DocumentBlockParam)[] = [];
  let total = 0;
  for (const file of files) {
    if (blocks.length >= limits.maxFiles) break;
    const type = file.contentType.toLowerCase().split(";")[0].trim();
    const size = file.data.byteLength;
    if (total + size > limits.maxTotalBytes) continue;
    const data = () => Buffer.from(file.data).toString("base64");
    if ((IMAGE_TYPES as readonly string[]).includes(type) && size <= limits.maxImageBytes) {
      blocks.push({
        type: "image",
        source: { type: "base64", media_type: type as ImageType, data: data() },
      });
    } else if (type === "application/pdf") {
      blocks.push({
        type: "document",
        title: file.filename.slice(0, 200),
        source: { type: "base64", media_type: "application/pdf", data: data() },
      });
    } else continue;
    total += size;
  }
  return blocks;
}
