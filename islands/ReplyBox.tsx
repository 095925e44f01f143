import { useEffect, useRef, useState } from "preact/hooks";
import type { ReplyView } from "../lib/outbound/view.ts";

export interface ReplyBoxProps {
  id: string;
  csrf: string;
  /** Who the reply goes to (the complaint's customer). */
  to: string;
  /** Replies already written on this complaint, oldest first, with their delivery state. */
  replies: ReplyView[];
  /** Saved replies filled for this complaint, best fit first. */
  saved?: { id: string; title: string; text: string }[];
  /** The agent's signature, added under the reply when it is sent. */
  signature?: string;
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
  const [drafting, setDrafting] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  // Opened from the list with "r": straight to writing.
  useEffect(() => {
    if (location.hash === "#reply") box.current?.focus();
  }, []);

  function insertSaved(e: Event) {
    const select = e.currentTarget as HTMLSelectElement;
    const chosen = props.saved?.find((r) => r.id === select.value);
    select.value = "";
    if (!chosen) return;
    setText(text.trim() ? `${text.trimEnd()}\n\n${chosen.text}` : chosen.text);
  }

  /** Ask for a draft (Claude's, or the best saved reply) and put it in the box to edit. */
  async function draft() {
    setDrafting(true);
    setResult(null);
    try {
      const res = await fetch(
        `/functions/v1/api/complaints/${encodeURIComponent(props.id)}/draft`,
        { headers: { "X-CSRF-Token": props.csrf } },
      );
      const json = await res.json().catch(() => null);
      if (!res.ok || !json?.text) {
        setResult({
          kind: "error",
          text: json?.error?.message ?? "No draft for this complaint; write the reply.",
        });
        return;
      }
      setText(json.text);
      setResult({
        kind: "ok",
        text: `Draft from ${json.source}: check and edit it before sending.`,
      });
    } catch {
      setResult({ kind: "error", text: "Network error; no draft." });
    } finally {
      setDrafting(false);
    }
  }

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
        <div class="row reply-tools">
          <button type="button" class="secondary draft" onClick={draft} disabled={drafting}>
            {drafting ? "Drafting…" : "Draft a reply"}
          </button>
          {props.saved && props.saved.length > 0
            ? (
              <label>
                Saved reply{" "}
                <select name="saved" onChange={insertSaved}>
                  <option value="">Insert…</option>
                  {props.saved.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
                </select>
              </label>
            )
            : null}
        </div>
        <label class="wide">
          Reply to {props.to}
          <textarea
            ref={box}
            name="text"
            rows={6}
            maxLength={20000}
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        {props.signature
          ? <p class="muted signature-note">Your signature is added under it: {props.signature}</p>
          : null}
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
