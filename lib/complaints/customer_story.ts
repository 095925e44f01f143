import type { AppContext } from "../ports.ts";
import type { Complaint, Status } from "../schema/complaint.ts";
import { sameName } from "../routing/duplicates.ts";

/** How many complaints a customer's story lists at most (the newest). */
export const STORY_LIMIT = 50;

/** How many order numbers and phones of a customer are looked up (a long story names many). */
const MAX_KEYS = 50;

/** One complaint in a customer's story, with its outcome. */
export interface StoryEntry {
  id: string;
  ref: string;
  subject: string;
  receivedAt: string;
  status: Status;
  category: Complaint["category"];
  priority: Complaint["priority"];
  customer: { email: string; name: string };
  /** `address`: from the customer's address; `name`: same display name, shared order or phone. */
  via: "address" | "name";
  /** Resolved or closed, and when (the last status change to it); null while open. */
  outcome: { status: "resolved" | "closed"; at: string } | null;
  /** The complaint this one repeats, for a duplicate. */
  duplicateOf: string | null;
}

/** What else is known of the customer besides the address: names, orders and phones. */
export interface StorySeed {
  name?: string;
  orderNumbers?: string[];
  phones?: string[];
}

/**
 * A customer's complaints, newest first, at most {@link STORY_LIMIT}: every complaint from the
 * address, and those from another address under the same display name that share an order
 * number or a phone with the customer's (the same rule duplicate detection uses for "the same
 * person from another address"). The names, orders and phones come from the seed (the complaint
 * being read) and from the customer's own complaints.
 */
export async function customerStory(
  ctx: Pick<AppContext, "store">,
  email: string,
  seed: StorySeed = {},
): Promise<StoryEntry[]> {
  const address = email.trim().toLowerCase();
  const own = await ctx.store.customerComplaints({
    email: address,
    orderNumbers: [],
    phones: [],
    limit: STORY_LIMIT,
  });
  const names = [seed.name ?? "", ...own.map((c) => c.customer.name)].filter((n) => n.trim());
  const orders = unique([
    ...(seed.orderNumbers ?? []),
    ...own.flatMap((c) => c.entities.orderNumbers),
  ]);
  const phones = unique([...(seed.phones ?? []), ...own.flatMap((c) => c.entities.phones)]);
  let others: Complaint[] = [];
  if (names.length > 0 && (orders.length > 0 || phones.length > 0)) {
    const shared = await ctx.store.customerComplaints({
      email: "",
      orderNumbers: orders,
      phones,
      limit: STORY_LIMIT,
    });
    others = shared.filter((c) =>
      c.customer.email.toLowerCase() !== address &&
      names.some((n) => sameName(n, c.customer.name))
    );
  }
  const entries = [
    ...own.map((c) => storyEntry(c, "address")),
    ...others.map((c) => storyEntry(c, "name")),
  ];
  entries.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id));
  return entries.slice(0, STORY_LIMIT);
}

/** The story beside a complaint: the customer's other complaints (this one left out). */
export async function storyOfComplaint(
  ctx: Pick<AppContext, "store">,
  complaint: Complaint,
): Promise<StoryEntry[]> {
  const story = await customerStory(ctx, complaint.customer.email, {
    name: complaint.customer.name,
    orderNumbers: complaint.entities.orderNumbers,
    phones: complaint.entities.phones,
  });
  return story.filter((e) => e.id !== complaint.id);
}

/** When a resolved or closed complaint got there: its last status change to that status. */
export function outcomeOf(c: Complaint): StoryEntry["outcome"] {
  if (c.status !== "resolved" && c.status !== "closed") return null;
  const change = c.history.findLast((h) =>
    h.action === "status_changed" && h.details.to === c.status
  );
  return { status: c.status, at: change?.at ?? c.updatedAt };
}

function storyEntry(c: Complaint, via: StoryEntry["via"]): StoryEntry {
  return {
    id: c.id,
    ref: c.ref,
    subject: c.subject,
    receivedAt: c.receivedAt,
    status: c.status,
    category: c.category,
    priority: c.priority,
    customer: { email: c.customer.email, name: c.customer.name },
    via,
    outcome: outcomeOf(c),
    duplicateOf: c.duplicateOf,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v))].slice(0, MAX_KEYS);
}
