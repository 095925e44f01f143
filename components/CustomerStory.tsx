import type { StoryEntry } from "../lib/complaints/customer_story.ts";
import type { SimilarComplaint } from "../lib/complaints/similar.ts";
import { formatDateTime } from "../lib/web/format.ts";
import { Badge } from "./Badge.tsx";

const link = (id: string, ref: string) => (
  <a href={`/complaints/${encodeURIComponent(id)}`}>#{ref || id.slice(-6).toUpperCase()}</a>
);

/** The customer's other complaints, newest first, with status and outcome. */
export function CustomerStory(
  { items, email }: { items: StoryEntry[]; email: string },
) {
  return (
    <section class="card customer-story">
      <h2>This customer's other complaints ({items.length})</h2>
      {items.length === 0 ? <p class="muted">None: this is the first from {email}.</p> : (
        <table>
          <thead>
            <tr>
              <th>Ref</th>
              <th>Received</th>
              <th>Subject</th>
              <th>Status</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} class={`story-${e.via}`}>
                <td>{link(e.id, e.ref)}</td>
                <td>{formatDateTime(e.receivedAt)}</td>
                <td>
                  {e.subject || "(no subject)"}
                  {e.via === "name"
                    ? <span class="muted">(as {e.customer.name}, {e.customer.email})</span>
                    : null}
                </td>
                <td>
                  <Badge kind="status" value={e.status} />
                </td>
                <td>
                  {e.outcome
                    ? `${e.outcome.status === "resolved" ? "Resolved" : "Closed"} ${
                      formatDateTime(e.outcome.at)
                    }`
                    : e.duplicateOf
                    ? "Duplicate"
                    : "Open"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Resolved complaints like this one and how they were answered. */
export function SimilarResolved({ items }: { items: SimilarComplaint[] }) {
  return (
    <section class="card similar-resolved">
      <h2>Similar resolved complaints</h2>
      {items.length === 0 ? <p class="muted">No resolved complaint is like this one yet.</p> : (
        <ul>
          {items.map((s) => (
            <li key={s.id}>
              {link(s.id, s.ref)} {s.subject || "(no subject)"}{" "}
              <Badge kind="category" value={s.category} />{" "}
              <span class="muted">
                {Math.round(s.score * 100)}% alike
                {s.outcome ? `, ${s.outcome.status} ${formatDateTime(s.outcome.at)}` : ""}
              </span>
              {s.lastReply
                ? (
                  <blockquote class={`last-${s.lastReply.kind}`}>
                    <p class="muted">
                      {s.lastReply.kind === "reply" ? "Last reply" : "Last note"}
                      {s.lastReply.by ? ` by ${s.lastReply.by}` : ""},{" "}
                      {formatDateTime(s.lastReply.at)}
                    </p>
                    <pre>{s.lastReply.text}</pre>
                  </blockquote>
                )
                : <p class="muted">No reply or note recorded.</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
