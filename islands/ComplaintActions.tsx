import { useState } from "preact/hooks";
import { humanize } from "../lib/web/format.ts";

export interface ComplaintActionsProps {
  id: string;
  status: string;
  assignee: string | null;
  statuses: string[];
  csrf: string;
  /** Active agents to pick the assignee from (email is what is stored). */
  agents?: { email: string; name: string }[];
  /** Triage an agent may correct (absent: not shown). */
  category?: string;
  categories?: string[];
  team?: string;
  teams?: string[];
}

type Result = { kind: "ok" | "error"; text: string } | null;

/**
 * Change status, assignee, category and team and add a note through the API (PATCH with the
 * CSRF header).
 */
export default function ComplaintActions(props: ComplaintActionsProps) {
  const [status, setStatus] = useState(props.status);
  const [assignee, setAssignee] = useState(props.assignee ?? "");
  const [note, setNote] = useState("");
  const [category, setCategory] = useState(props.category ?? "");
  const [team, setTeam] = useState(props.team ?? "");
  const [saved, setSaved] = useState({
    status: props.status,
    assignee: props.assignee ?? "",
    category: props.category ?? "",
    team: props.team ?? "",
  });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  async function submit(e: Event) {
    e.preventDefault();
    const body: Record<string, string | null> = {};
    if (status !== saved.status) body.status = status;
    if (assignee.trim() !== saved.assignee) body.assignee = assignee.trim() || null;
    if (note.trim()) body.note = note.trim();
    if (props.categories && category !== saved.category) body.category = category;
    if (props.teams && team !== saved.team) body.team = team;
    if (Object.keys(body).length === 0) {
      setResult({ kind: "error", text: "Nothing to change." });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch(`/functions/v1/api/complaints/${encodeURIComponent(props.id)}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": props.csrf },
        body: JSON.stringify(body),
      });
      const json = await res.json().catch(() => null);
      if (!res.ok) {
        setResult({
          kind: "error",
          text: json?.error?.message ?? `Request failed (${res.status})`,
        });
        return;
      }
      const next = {
        status: json?.status ?? status,
        assignee: json?.assignee ??
          (body.assignee === undefined ? saved.assignee : body.assignee ?? ""),
        // A new category may also move the team: show what the server decided.
        category: json?.category ?? category,
        team: json?.team ?? team,
      };
      setSaved(next);
      setStatus(next.status);
      setAssignee(next.assignee ?? "");
      setCategory(next.category);
      setTeam(next.team);
      setNote("");
      setResult({ kind: "ok", text: "Saved. Reload to see the updated history." });
    } catch {
      setResult({ kind: "error", text: "Network error; nothing was saved." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="actions-form" onSubmit={submit}>
      <label>
        Status
        <select
          name="status"
          value={status}
          onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
        >
          {props.statuses.map((s) => <option key={s} value={s}>{humanize(s)}</option>)}
        </select>
      </label>
      <label>
        Assignee
        {props.agents
          ? (
            <select
              name="assignee"
              value={assignee}
              onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)}
            >
              <option value="">— Unassigned —</option>
              {props.agents.map((a) => (
                <option key={a.email} value={a.email}>{a.name} ({a.email})</option>
              ))}
              {/* An assignee from before agents (free text) stays visible until changed. */}
              {assignee && !props.agents.some((a) => a.email === assignee)
                ? <option value={assignee}>{assignee}</option>
                : null}
            </select>
          )
          : (
            <input
              name="assignee"
              value={assignee}
              maxLength={200}
              onInput={(e) => setAssignee((e.target as HTMLInputElement).value)}
            />
          )}
      </label>
      {props.categories
        ? (
          <label>
            Category
            <select
              name="category"
              value={category}
              onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}
            >
              {props.categories.map((c) => <option key={c} value={c}>{humanize(c)}</option>)}
            </select>
          </label>
        )
        : null}
      {props.teams
        ? (
          <label>
            Team
            <select
              name="team"
              value={team}
              onChange={(e) => setTeam((e.target as HTMLSelectElement).value)}
            >
              {props.teams.map((t) => <option key={t} value={t}>{humanize(t)}</option>)}
              {team && !props.teams.includes(team) ? <option value={team}>{team}</option> : null}
            </select>
          </label>
        )
        : null}
      <label class="wide">
        Note
        <textarea
          name="note"
          rows={3}
          maxLength={5000}
          value={note}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="row">
        <button type="submit" disabled={busy}>{busy ? "Saving…" : "Save"}</button>
        {result ? <p class={`result ${result.kind}`} role="status">{result.text}</p> : null}
      </div>
    </form>
  );
}
