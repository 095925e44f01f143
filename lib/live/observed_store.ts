import type { ComplaintStore } from "../store/port.ts";
import type { Complaint } from "../schema/complaint.ts";
import type { ComplaintEvent, EventBus } from "./bus.ts";

function eventOf(
  c: Complaint,
  change: ComplaintEvent["change"],
  previousAssignee?: string | null,
): ComplaintEvent {
  return {
    type: "complaint",
    change,
    id: c.id,
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    assignee: c.assignee,
    ...(previousAssignee !== undefined && previousAssignee !== c.assignee
      ? { previousAssignee }
      : {}),
    action: c.history.at(-1)?.action,
    actor: c.history.at(-1)?.actor,
    at: c.updatedAt,
  };
}

/**
 * The store with every complaint write announced on the bus after it succeeded: whoever wrote
 * (pipeline, agents, jobs, Telegram), screens hear of it without each writer remembering to.
 */
export function observedStore(store: ComplaintStore, bus: EventBus): ComplaintStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "createComplaint") {
        return async (c: Complaint) => {
          const r = await target.createComplaint(c);
          if (r.created) bus.publish(eventOf(r.complaint, "created"));
          return r;
        };
      }
      if (prop === "updateComplaint") {
        return async (...args: Parameters<ComplaintStore["updateComplaint"]>) => {
          const before = "assignee" in args[1] ? await target.getComplaint(args[0]) : null;
          const r = await target.updateComplaint(...args);
          if (r) bus.publish(eventOf(r, "updated", before ? before.assignee : undefined));
          return r;
        };
      }
      if (prop === "saveComplaint") {
        return async (c: Complaint) => {
          await target.saveComplaint(c);
          bus.publish(eventOf(c, "updated"));
        };
      }
      return value.bind(target);
    },
  });
}
