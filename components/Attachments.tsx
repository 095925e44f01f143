import type { Attachment } from "../lib/schema/complaint.ts";
import { formatBytes } from "../lib/web/format.ts";

/** Attachments with extraction status, their extracted text folded, and a download link. */
export function Attachments({ id, items }: { id: string; items: Attachment[] }) {
  if (items.length === 0) return <p class="empty">No attachments.</p>;
  return (
    <ul class="attachments">
      {items.map((a, i) => (
        <li key={a.sha256 + i}>
          <div class="attachment-head">
            <a
              href={`/functions/v1/api/complaints/${encodeURIComponent(id)}/attachments/${i}`}
              download={a.filename}
            >
              {a.filename || `attachment-${i + 1}`}
            </a>
            <span class="muted">
              {a.detectedType ?? a.contentType}
              {a.detectedType && a.detectedType !== a.contentType
                ? ` (sent as ${a.contentType})`
                : ""} · {formatBytes(a.size)}
              {pagesLabel(a)}
            </span>
            <span class={`extraction ${a.extraction?.status ?? "none"}`}>
              {a.extraction
                ? `text ${a.extraction.status}${
                  a.extraction.method ? ` (${a.extraction.method})` : ""
                }${a.extraction.reason ? `: ${a.extraction.reason}` : ""}`
                : "not extracted"}
            </span>
          </div>
          {a.extractedText
            ? (
              <details>
                <summary>Extracted text ({a.extractedText.length} characters)</summary>
                <pre class="extracted">{a.extractedText}</pre>
              </details>
            )
            : null}
        </li>
      ))}
    </ul>
  );
}

/** " · 3 pages" for PDFs and TIFFs, " · 2 sheets" for workbooks; nothing for other types. */
function pagesLabel(a: Attachment): string {
  const n = a.extraction?.pages;
  if (!n) return "";
  const type = a.detectedType ?? "";
  if (/pdf|tiff/.test(type)) return ` · ${n} page${n === 1 ? "" : "s"}`;
  if (/sheet|excel/.test(type)) return ` · ${n} sheet${n === 1 ? "" : "s"}`;
  return "";
}
