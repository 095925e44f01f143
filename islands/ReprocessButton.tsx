import { useState } from "preact/hooks";

export interface ReprocessButtonProps {
  id: string;
  csrf: string;
}

/** Start processing a failed or given-up complaint again (POST …/reprocess with the CSRF header). */
export default function ReprocessButton(props: ReprocessButtonProps) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function reprocess() {
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch(
        `/functions/v1/api/complaints/${encodeURIComponent(props.id)}/reprocess`,
        { method: "POST", headers: { "X-CSRF-Token": props.csrf } },
      );
      const json = await res.json().catch(() => null);
      if (!res.ok) {
        setResult({
          kind: "error",
          text: json?.error?.message ?? `Request failed (${res.status})`,
        });
      } else if (json?.processing?.state === "done") {
        setResult({ kind: "ok", text: "Processed. Reload to see the complaint." });
      } else {
        setResult({
          kind: "error",
          text: `Failed again: ${json?.processing?.lastError ?? "unknown error"}`,
        });
      }
    } catch {
      setResult({ kind: "error", text: "Network error; nothing was changed." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="row">
      <button type="button" onClick={reprocess} disabled={busy}>
        {busy ? "Reprocessing…" : "Reprocess"}
      </button>
      {result ? <p class={`result ${result.kind}`} role="status">{result.text}</p> : null}
    </div>
  );
}
