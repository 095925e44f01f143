import { useState } from "preact/hooks";
import type { Sample } from "../lib/intake/test_samples.ts";

export interface TestSubmitProps {
  samples: Sample[];
  csrf: string;
}

/** What the analysis made of the submitted complaint (read back from the API). */
interface Analysis {
  id: string;
  ref?: string;
  status: string;
  category: string;
  priority: string;
  sentiment?: string;
  team?: string;
  confidence?: number;
  analysis?: { analyzer: string; summary?: string; fallback?: { from: string } };
  entities?: { orderNumbers: string[] };
  attachments?: { filename: string }[];
  duplicateOf?: string | null;
}

type Outcome =
  | { kind: "created"; id: string; note: string; complaint: Analysis | null }
  | { kind: "error"; message: string }
  | null;

/** Bytes as base64, in chunks (spreading a large file into one call overflows the stack). */
function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/**
 * Free-form complaint form (pre-filled from samples, with optional files) sent to process-manual,
 * and an .eml upload sent to process-eml; either way the result shows the complaint's analysis.
 */
export default function TestSubmit({ samples, csrf }: TestSubmitProps) {
  const [email, setEmail] = useState("");
  const [subject, setSubject] = useState("");
  const [content, setContent] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [eml, setEml] = useState<File | null>(null);

  function fill(s: Sample) {
    setEmail(s.customer_email);
    setSubject(s.subject);
    setContent(s.content);
    setOutcome(null);
  }

  /** Post, then read the complaint back so the analysis shows (ingest answers only a summary). */
  async function send(path: string, init: RequestInit) {
    setBusy(true);
    setOutcome(null);
    try {
      const res = await fetch(`/functions/v1/api${path}`, {
        ...init,
        method: "POST",
        headers: { ...(init.headers as Record<string, string>), "X-CSRF-Token": csrf },
      });
      const json = await res.json().catch(() => null);
      if (!res.ok || !json) {
        setOutcome({
          kind: "error",
          message: json?.error?.message ?? `Request failed (${res.status})`,
        });
        return;
      }
      if (json.ignored) {
        setOutcome({ kind: "error", message: `Not a complaint: ${json.ignored}` });
        return;
      }
      const note = json.threaded
        ? "Joined an existing complaint's thread"
        : json.existing
        ? "Seen before: this is the complaint it made"
        : "Created";
      const read = await fetch(`/functions/v1/api/complaints/${encodeURIComponent(json.id)}`);
      const complaint = read.ok ? await read.json().catch(() => null) : null;
      setOutcome({ kind: "created", id: json.id, note, complaint });
    } catch {
      setOutcome({ kind: "error", message: "Network error; nothing was sent." });
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    const attachments = [];
    for (const f of files) {
      attachments.push({
        filename: f.name || "attachment",
        content_type: f.type || undefined,
        content: toBase64(new Uint8Array(await f.arrayBuffer())),
      });
    }
    await send("/process-manual", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        customer_email: email,
        subject,
        content,
        ...(attachments.length ? { attachments } : {}),
      }),
    });
  }

  async function upload(e: Event) {
    e.preventDefault();
    if (!eml) {
      setOutcome({ kind: "error", message: "Choose an .eml file first." });
      return;
    }
    await send("/process-eml", {
      headers: { "Content-Type": "message/rfc822" },
      body: eml,
    });
  }

  return (
    <div class="test-submit">
      <div class="samples">
        {samples.map((s) => (
          <button
            type="button"
            class="secondary"
            key={s.label}
            onClick={() => fill(s)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <form onSubmit={submit}>
        <label>
          Customer email
          <input
            type="email"
            name="customer_email"
            required
            value={email}
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Subject
          <input
            name="subject"
            value={subject}
            maxLength={500}
            onInput={(e) => setSubject((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Content
          <textarea
            name="content"
            rows={10}
            required
            value={content}
            onInput={(e) => setContent((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <label>
          Attachments
          <input
            type="file"
            name="attachments"
            multiple
            onChange={(e) => setFiles([...((e.target as HTMLInputElement).files ?? [])])}
          />
        </label>
        <button type="submit" disabled={busy}>{busy ? "Processing…" : "Submit complaint"}</button>
      </form>
      <form class="eml-upload" onSubmit={upload}>
        <label>
          Or upload a raw email (.eml), processed as if it had arrived by mail
          <input
            type="file"
            name="eml"
            accept=".eml,message/rfc822"
            onChange={(e) => setEml((e.target as HTMLInputElement).files?.[0] ?? null)}
          />
        </label>
        <button type="submit" disabled={busy}>{busy ? "Processing…" : "Upload .eml"}</button>
      </form>
      {outcome?.kind === "created" ? <Result outcome={outcome} /> : null}
      {outcome?.kind === "error"
        ? <p class="result error" role="alert">{outcome.message}</p>
        : null}
    </div>
  );
}

/** The complaint's analysis, with a link to it. */
function Result({ outcome }: { outcome: Extract<Outcome, { kind: "created" }> }) {
  const c = outcome.complaint;
  const link = (
    <a href={`/complaints/${encodeURIComponent(outcome.id)}`}>
      open complaint{c?.ref ? ` #${c.ref}` : ""}
    </a>
  );
  return (
    <div class="result ok" role="status">
      <p>
        {outcome.note} — {link}
      </p>
      {c
        ? (
          <dl class="analysis">
            <dt>Category</dt>
            <dd>{c.category}</dd>
            <dt>Priority</dt>
            <dd>{c.priority}</dd>
            <dt>Status</dt>
            <dd>{c.status}{c.duplicateOf ? ` (duplicate of ${c.duplicateOf})` : ""}</dd>
            {c.sentiment ? <dt>Sentiment</dt> : null}
            {c.sentiment ? <dd>{c.sentiment}</dd> : null}
            {c.team ? <dt>Team</dt> : null}
            {c.team ? <dd>{c.team}</dd> : null}
            {c.analysis
              ? (
                <>
                  <dt>Analyzer</dt>
                  <dd>
                    {c.analysis.analyzer}
                    {c.analysis.fallback ? ` (fallback from ${c.analysis.fallback.from})` : ""}
                    {c.confidence !== undefined
                      ? `, confidence ${Math.round(c.confidence * 100)}%`
                      : ""}
                  </dd>
                </>
              )
              : null}
            {c.analysis?.summary ? <dt>Summary</dt> : null}
            {c.analysis?.summary ? <dd>{c.analysis.summary}</dd> : null}
            {c.entities?.orderNumbers.length ? <dt>Orders</dt> : null}
            {c.entities?.orderNumbers.length ? <dd>{c.entities.orderNumbers.join(", ")}</dd> : null}
            {c.attachments?.length ? <dt>Attachments</dt> : null}
            {c.attachments?.length
              ? <dd>{c.attachments.map((a) => a.filename).join(", ")}</dd>
              : null}
          </dl>
        )
        : null}
    </div>
  );
}
