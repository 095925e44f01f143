import { useEffect, useState } from "preact/hooks";

export interface PresenceProps {
  id: string;
  csrf: string;
}

interface Other {
  email: string;
  name: string;
  state: "viewing" | "replying";
}

/**
 * Says who else has this complaint open (and whether they are writing a reply), and when it
 * changed since the page was loaded. Beats every 10 s while the page is open.
 */
export default function Presence(props: PresenceProps) {
  const [others, setOthers] = useState<Other[]>([]);
  const [changed, setChanged] = useState(false);

  useEffect(() => {
    const beat = async () => {
      const box = document.querySelector<HTMLTextAreaElement>('.reply-form textarea[name="text"]');
      const replying = !!box && (document.activeElement === box || box.value.trim() !== "");
      const res = await fetch(
        `/functions/v1/api/complaints/${encodeURIComponent(props.id)}/presence`,
        {
          method: "POST",
          headers: { "content-type": "application/json", "X-CSRF-Token": props.csrf },
          body: JSON.stringify({ state: replying ? "replying" : "viewing" }),
        },
      ).catch(() => null);
      if (res?.ok) setOthers((await res.json()).others ?? []);
    };
    void beat();
    const timer = setInterval(beat, 10_000);
    const source = new EventSource("/functions/v1/api/events");
    source.addEventListener("complaint", (m) => {
      if (JSON.parse((m as MessageEvent).data).id === props.id) setChanged(true);
    });
    return () => {
      clearInterval(timer);
      source.close();
    };
  }, []);

  return (
    <div class="presence" aria-live="polite">
      {others.map((o) => (
        <p key={o.email} class="result warn presence-other">
          {o.name} is {o.state === "replying" ? "writing a reply" : "looking at this complaint"}.
        </p>
      ))}
      {changed
        ? (
          <p class="result warn">
            This complaint changed. <a href="">Reload</a>
          </p>
        )
        : null}
    </div>
  );
}
