import type { Priority } from "../../schema/complaint.ts";
import type { Signals } from "./signals.ts";

export interface PriorityDecision {
  priority: Priority;
  /** Why: the rule that decided, e.g. "safety", "repeat+anger", "question". */
  reasons: string[];
}

/**
 * Decides priority from signal scores, in the order the triage rules give: safety, legal threats
 * and fraud are critical; money lost or service blocked now, repeat contact and anger are high;
 * questions, feedback, auto-replies and newsletters are low; any other problem is medium.
 */
export function decidePriority(s: Signals): PriorityDecision {
  const critical = (["safety", "legal", "fraud"] as const).filter((k) => s[k] >= 1);
  if (critical.length) return { priority: "critical", reasons: [...critical] };

  if (s.autoReply >= 1) return { priority: "low", reasons: ["autoReply"] };
  if (s.bulk >= 1) return { priority: "low", reasons: ["bulk"] };

  const high: string[] = [];
  let pressure = 0;
  const add = (kind: keyof Signals, cap: number, label: string) => {
    const v = Math.min(cap, s[kind]);
    if (v >= 0.5) high.push(label);
    pressure += v;
  };
  add("repeat", 2, "repeat");
  add("anger", 2, "anger");
  add("moneyLost", 2, "moneyLost");
  add("blocked", 2, "blocked");
  add("urgent", 1, "urgent");
  add("ultimatum", 1.5, "ultimatum");
  // Anger alone makes a failure urgent, not a rant about where to find the opening hours.
  const angerOnly = pressure - Math.min(2, s.anger) < 0.5;
  const hurt = s.problem + s.moneyLost + s.blocked >= (angerOnly ? 2 : 1);
  if (pressure >= 2 && (hurt || s.repeat >= 2 || s.repeat + s.anger >= 2.5)) {
    return { priority: "high", reasons: high };
  }
  // Locked out of the service while a payment or an offer runs out: blocked right now.
  if (s.blocked >= 0.5 && s.urgent >= 1) {
    return { priority: "high", reasons: [...new Set([...high, "blocked", "urgent"])] };
  }

  // A suggestion or a remark the sender says needs nothing now waits, unless a fix is asked for.
  if (s.feedback >= 1 && s.request < 1 && s.problem < 3) {
    return { priority: "low", reasons: ["feedback"] };
  }
  const calm = s.problem < 1.5 + 0.5 * Math.max(0, s.question - 1) && s.request < 1;
  if ((s.praise >= 1 && s.problem < 2) || (s.praise >= 2.5 && s.problem < 3)) {
    return { priority: "low", reasons: ["praise"] };
  }
  if (s.presales >= 1 && s.problem < 2) return { priority: "low", reasons: ["presales"] };
  if (s.question >= 1 && calm) return { priority: "low", reasons: ["question"] };
  return { priority: "medium", reasons: ["problem"] };
}
