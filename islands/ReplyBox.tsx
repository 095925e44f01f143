import { useState } from "preact/hooks";
import type { ReplyView } from "../lib/outbound/view.ts";

export interface ReplyBoxProps {
  id: string;
  csrf: string;
  /** Who the reply goes to (the complaint's customer). */
  to: string;
  /** Replies already written on this complaint, oldest first, with their delivery state. */
  replies: ReplyView[];
}

type Result = { kind: "ok" | "error"; text: string } | null;

/**
 * Answer the customer from the complaint: plain text and optional files, posted to the API
 * (`POST …/replies`, multipart, with the CSRF header); lists our replies with their state.
 */
export default function ReplyBox(props: ReplyBoxProps) {
  const [replies, setReplies] = useState(props.replies);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  async function submit(e: Event) {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    if (!text.trim()) {
      setResult({ kind: "error", text: "Write a reply first." });
      return;
    }
    const form = new FormData();
    form.set("text", text);
    const files = formEl.querySelector<HTMLInputElement>("input[type=file]");
    for (const f of Array.from(files?.files ?? [])) form.append("files", f);
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch(
        `/functions/v1/api/complaints/${encodeURIComponent(props.id)}/replies`,
        { method: "POST", headers: { "X-CSRF-Token": props.csrf }, body: form },
      );
      const json = await res.json().catch(() => null);
      if (!res.ok) {
        setResult({
          kind: "error",
          text: json?.error?.message ?? `Request failed (${res.status})`,
        });
        return;
      }
      const reply = json as ReplyView;
      setReplies([...replies, reply]);
      setText("");
      if (files) files.value = "";
      setResult({
        kind: reply.state === "failed" ? "error" : "ok",
        text: `Reply ${reply.label}.`,
      });
    } catch {
      setResult({ kind: "error", text: "Network error; the reply was not sent." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="reply-box">
      {replies.length > 0
        ? (
          <ol class="replies">
            {replies.map((r) => (
              <li key={r.messageId} class={`reply reply-${r.state}`} data-state={r.state}>
                <p class="muted">
                  <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace("T", " ")}</time>
                  {r.by ? ` · ${r.by}` : ""} → {r.to} ·{" "}
                  <strong class="reply-state">{r.label}</strong>
                </p>
                <p class="subject">{r.subject}</p>
                <pre class="description">{r.text}</pre>
                {r.attachments.length > 0
                  ? (
                    <p class="muted">Files: {r.attachments.map((a) => a.filename).join(", ")}</p>
                  )
                  : null}
              </li>
            ))}
          </ol>
        )
        : <p class="empty">No replies sent yet.</p>}
      <form class="reply-form" onSubmit={submit}>
        <label class="wide">
          Reply to {props.to}
          <textarea
            name="text"
            rows={6}
            maxLength={20000}
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <label>
          Files <input type="file" name="files" multiple />
        </label>
        <div class="row">
          <button type="submit" disabled={busy}>{busy ? "Sending…" : "Send reply"}</button>
          {result ? <p class={`result ${result.kind}`} role="status">{result.text}</p> : null}
        </div>
      </form>
    </div>
  );
}
