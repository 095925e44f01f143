import type { ThreadMessage } from "../lib/schema/complaint.ts";
import { formatDateTime } from "../lib/web/format.ts";
import { Badge } from "./Badge.tsx";
import { deliveryLabel } from "../lib/outbound/view.ts";

/**
 * Replies joined to the complaint, oldest first, each with its own text and analysis; with a
 * CSRF token, a customer's message can be split out into a complaint of its own.
 */
export function Thread({ messages, csrf }: { messages: ThreadMessage[]; csrf?: string }) {
  if (messages.length === 0) return <p class="empty">No replies yet.</p>;
  return (
    <ol class="thread">
      {messages.map((m) => (
        <li key={m.messageId} class="thread-message">
          <p class="muted">
            <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time> · {m.from}
            {m.direction === "outbound"
              ? <strong class="reply-state">{` · our reply: ${deliveryLabel(m)}`}</strong>
              : null}
            {m.analysis
              ? (
                <>
                  {" "}
                  <Badge kind="priority" value={m.analysis.priority} />
                </>
              )
              : null}
          </p>
          <p class="subject">{m.subject || "(no subject)"}</p>
          {m.analysis?.summary ? <p class="summary">{m.analysis.summary}</p> : null}
          <pre class="description">{m.text}</pre>
          {csrf && m.direction !== "outbound"
            ? (
              <form method="post" class="inline-form split">
                <input type="hidden" name="_csrf" value={csrf} />
                <input type="hidden" name="_action" value="split" />
                <input type="hidden" name="messageId" value={m.messageId} />
                <button type="submit" class="link">Split into its own complaint</button>
              </form>
            )
            : null}
          {m.attachments.length > 0
            ? (
              <ul class="thread-attachments">
                {m.attachments.map((a) => (
                  <li key={a.sha256}>
                    {a.filename} ({a.contentType}, {a.size} bytes)
                    {a.extractedText
                      ? (
                        <details>
                          <summary>Extracted text</summary>
                          <pre>{a.extractedText}</pre>
                        </details>
                      )
                      : null}
                  </li>
                ))}
              </ul>
            )
            : null}
        </li>
      ))}
    </ol>
  );
}
