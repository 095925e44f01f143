import { useState } from "preact/hooks";
import type { Sample } from "../lib/intake/test_samples.ts";

export interface TestSubmitProps {
  samples: Sample[];
  csrf: string;
}

type Outcome =
  | { kind: "created"; id: string; status: string; category: string; priority: string }
  | { kind: "error"; message: string }
  | null;

/** Free-form complaint form, pre-filled from samples, sent to process-manual. */
export default function TestSubmit({ samples, csrf }: TestSubmitProps) {
  const [email, setEmail] = useState("");
  const [subject, setSubject] = useState("");
  const [content, setContent] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  function fill(s: Sample) {
    setEmail(s.customer_email);
    setSubject(s.subject);
    setContent(s.content);
    setOutcome(null);
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const res = await fetch("/functions/v1/api/process-manual", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ customer_email: email, subject, content }),
      });
      const json = await res.json().catch(() => null);
      if (res.ok && json?.id) {
        setOutcome({ kind: "created", ...json });
      } else {
        setOutcome({
          kind: "error",
          message: json?.error?.message ?? `Request failed (${res.status})`,
        });
      }
    } catch {
      setOutcome({ kind: "error", message: "Network error; nothing was sent." });
    } finally {
      setBusy(false);
    }
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
        <button type="submit" disabled={busy}>{busy ? "Processing…" : "Submit complaint"}</button>
      </form>
      {outcome?.kind === "created"
        ? (
          <p class="result ok" role="status">
            Created: {outcome.category} / {outcome.priority} / {outcome.status} —{" "}
            <a href={`/complaints/${encodeURIComponent(outcome.id)}`}>open complaint</a>
          </p>
        )
        : null}
      {outcome?.kind === "error"
        ? <p class="result error" role="alert">{outcome.message}</p>
        : null}
    </div>
  );
}
