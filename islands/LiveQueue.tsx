import { useEffect, useState } from "preact/hooks";

export interface LiveQueueProps {
  /** The signed-in agent's email: which events are notifications for them. */
  me: string;
}

interface Event {
  change: "created" | "updated";
  id: string;
  subject: string;
  assignee: string | null;
  previousAssignee?: string | null;
  action?: string;
  actor?: string;
}

/** A notification for this agent, if the event is one: assigned to them, their customer replied, their SLA passed. */
function noticeFor(e: Event, me: string): string | null {
  const mine = e.assignee?.toLowerCase() === me.toLowerCase() &&
    e.actor?.toLowerCase() !== me.toLowerCase(); // not what the agent did themselves
  if (mine && e.previousAssignee !== undefined) return `Assigned to you: ${e.subject}`;
  if (mine && e.action === "reply_received") return `Customer replied: ${e.subject}`;
  if (mine && e.action === "escalated") return `SLA passed: ${e.subject}`;
  return null;
}

/**
 * Keeps the list current: on each change (server-sent events) the rows are fetched again and
 * swapped in; changes that concern this agent show as notifications.
 */
export default function LiveQueue(props: LiveQueueProps) {
  const [state, setState] = useState("connecting…");
  const [notices, setNotices] = useState<string[]>([]);

  useEffect(() => {
    const source = new EventSource("/functions/v1/api/events");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      const res = await fetch(location.href, { headers: { accept: "text/html" } });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), "text/html");
      const next = doc.querySelector("table.complaints, p.empty");
      const current = document.querySelector("table.complaints, p.empty");
      if (next && current) current.replaceWith(document.importNode(next, true));
      setState(`live · updated ${new Date().toLocaleTimeString()}`);
    };
    source.addEventListener("ready", () => setState("live"));
    source.addEventListener("complaint", (m) => {
      const e = JSON.parse((m as MessageEvent).data) as Event;
      const notice = noticeFor(e, props.me);
      if (notice) setNotices((n) => [notice, ...n].slice(0, 5));
      clearTimeout(timer);
      timer = setTimeout(refresh, 300); // a burst of changes: one refresh
    });
    source.onerror = () => setState("reconnecting…");
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, []);

  return (
    <div class="live-queue" aria-live="polite">
      <span class="muted live-state">{state}</span>
      {notices.length > 0
        ? <ul class="notices">{notices.map((n, i) => <li key={i}>{n}</li>)}</ul>
        : null}
    </div>
  );
}
