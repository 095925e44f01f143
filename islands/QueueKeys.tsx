import { useEffect, useState } from "preact/hooks";

export interface QueueKeysProps {
  csrf: string;
  /** The signed-in agent's email ("a" assigns the focused complaint to them). */
  me: string;
}

const HELP = "j/k next/previous · o or Enter open · x choose · a assign to me · r reply · ? help";

/**
 * Keyboard work on the list: j/k move through the rows, o/Enter opens, x ticks the row's box for
 * a bulk action, a assigns the complaint to you, r opens it at the reply box.
 */
export default function QueueKeys(props: QueueKeysProps) {
  const [help, setHelp] = useState(false);
  const [note, setNote] = useState("");

  useEffect(() => {
    let index = -1;
    const rows = () => Array.from(document.querySelectorAll<HTMLTableRowElement>("tr[data-id]"));
    const focus = (i: number) => {
      const all = rows();
      if (all.length === 0) return;
      index = Math.max(0, Math.min(all.length - 1, i));
      all.forEach((r, n) => r.classList.toggle("kb-focus", n === index));
      all[index].scrollIntoView({ block: "nearest" });
    };
    const current = () => rows()[index]?.dataset.id;
    const onKey = async (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const id = current();
      switch (e.key) {
        case "j":
          focus(index + 1);
          break;
        case "k":
          focus(index - 1);
          break;
        case "o":
        case "Enter":
          if (id) location.href = `/complaints/${encodeURIComponent(id)}`;
          break;
        case "r":
          if (id) location.href = `/complaints/${encodeURIComponent(id)}#reply`;
          break;
        case "x": {
          const box = rows()[index]?.querySelector<HTMLInputElement>("input[type=checkbox]");
          if (box) box.checked = !box.checked;
          break;
        }
        case "a": {
          if (!id) break;
          const res = await fetch(`/functions/v1/api/complaints/${encodeURIComponent(id)}`, {
            method: "PATCH",
            headers: { "content-type": "application/json", "X-CSRF-Token": props.csrf },
            body: JSON.stringify({ assignee: props.me }),
          });
          setNote(res.ok ? "Assigned to you." : `Not assigned (${res.status}).`);
          if (res.ok) {
            const cell = rows()[index]?.querySelector("td:last-child");
            if (cell) cell.textContent = props.me;
          }
          break;
        }
        case "?":
          setHelp((h) => !h);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <p class="muted queue-keys" role="status">
      {note || (help ? HELP : "Keys: ? for help")}
    </p>
  );
}
