import type { AppContext } from "../ports.ts";
import type { Complaint, HistoryEntry, ListResult } from "../schema/complaint.ts";
import type { Incident } from "../schema/incident.ts";
import { newId } from "../crypto.ts";
import { NotFoundError } from "../errors.ts";
import { pagesOf } from "../store/pages.ts";
import { applyAgentPatch } from "../complaints/update.ts";
import { stripReplyPrefix } from "../pipeline/content_hash.ts";
import {
  belongsTo,
  type IncidentFeatures,
  incidentFeatures,
  sameProblem,
  shared,
} from "./match.ts";

type IncidentContext = Pick<AppContext, "store" | "notifier" | "log" | "now" | "config" | "policy">;

/** The recent complaints a new one is compared with (the newest of its category). */
const CANDIDATES = 50;

/** Whether a complaint may be in an incident at all (incidents on; not a duplicate or a flood). */
function mayJoin(ctx: IncidentContext, complaint: Complaint): boolean {
  return ctx.config.INCIDENT_MIN_COMPLAINTS > 0 && !complaint.duplicateOf &&
    !complaint.tags.includes("flood");
}

/**
 * Put a triaged complaint that is already saved into an incident: the open one of its category
 * it belongs to, or a new one when enough other customers reported the same thing within the
 * window. Returns the incident (its alert then speaks for the complaint) or null. Per category
 * one decision runs at a time, in every instance sharing the store. Never throws: incidents are
 * a convenience on top of a complaint that is already saved.
 */
export async function linkIncident(
  ctx: IncidentContext,
  complaint: Complaint,
): Promise<Incident | null> {
  if (!mayJoin(ctx, complaint)) return null;
  try {
    return await ctx.store.withLock(`incidents:${complaint.category}`, async () => {
      const f = incidentFeatures(complaint);
      const existing = await openIncidentFor(ctx, complaint, f);
      if (existing) return await join(ctx, existing, [complaint]);
      return await openWith(ctx, complaint, f);
    });
  } catch (err) {
    ctx.log.error("incident_link_failed", { id: complaint.id, error: String(err) });
    return null;
  }
}

/** A new complaint as `createInIncident` stored it. */
export interface CreatedInIncident {
  complaint: Complaint;
  /** False when a complaint of the same message was there first (it is returned instead). */
  created: boolean;
  /** The incident it is in (its alert speaks for it), or null: its own alert is due. */
  incident: Incident | null;
}

/**
 * Insert a new triaged complaint, in its incident where it has one. Joining an open incident, it
 * is inserted already marked: one write, where marking it after the insert rewrote the whole
 * stored complaint. Otherwise it is inserted and may open an incident with the recent complaints
 * like it. As `linkIncident`, incidents never cost the complaint: a failure to decide leaves it
 * inserted alone.
 */
export async function createInIncident(
  ctx: IncidentContext,
  complaint: Complaint,
): Promise<CreatedInIncident> {
  if (!mayJoin(ctx, complaint)) {
    return { ...await ctx.store.createComplaint(complaint), incident: null };
  }
  const done: { inserted?: { complaint: Complaint; created: boolean }; insertFailed?: boolean } =
    {};
  const insert = async (c: Complaint) => {
    try {
      return done.inserted = await ctx.store.createComplaint(c);
    } catch (err) {
      done.insertFailed = true;
      throw err;
    }
  };
  try {
    return await ctx.store.withLock(`incidents:${complaint.category}`, async () => {
      const f = incidentFeatures(complaint);
      const existing = await openIncidentFor(ctx, complaint, f);
      if (existing) {
        // Counted before the insert: the customer is new when no member so far is theirs.
        const grown = await grow(ctx, existing, [complaint]);
        const inserted = await insert({
          ...complaint,
          incidentId: grown.id,
          history: [...complaint.history, memberEntry(ctx, grown, "incident_joined")],
        });
        if (!inserted.created) return { ...inserted, incident: null };
        await ctx.store.saveIncident(grown);
        return { ...inserted, incident: await alert(ctx, grown) };
      }
      const inserted = await insert(complaint);
      if (!inserted.created) return { ...inserted, incident: null };
      return { ...inserted, incident: await openWith(ctx, inserted.complaint, f) };
    });
  } catch (err) {
    // The complaint itself not stored is the pipeline's failure (it retries), not an incident's.
    if (done.insertFailed) throw err;
    ctx.log.error("incident_link_failed", { id: complaint.id, error: String(err) });
    return { ...done.inserted ?? await ctx.store.createComplaint(complaint), incident: null };
  }
}

/** The open incident of the complaint's category, recent enough, that it belongs to. */
async function openIncidentFor(
  ctx: IncidentContext,
  complaint: Complaint,
  f: IncidentFeatures,
): Promise<Incident | null> {
  const open = await ctx.store.listIncidents({
    status: "open",
    category: complaint.category,
    lastSince: windowStart(ctx, complaint),
    limit: 20,
  });
  return open.find((i) => belongsTo(f, i)) ?? null;
}

/** A new incident of the complaint (saved) and the recent ones like it, when enough customers. */
async function openWith(
  ctx: IncidentContext,
  complaint: Complaint,
  f: IncidentFeatures,
): Promise<Incident | null> {
  const { items, total } = await ctx.store.listComplaints(
    { category: complaint.category, from: windowStart(ctx, complaint), page: 1, limit: CANDIDATES },
  );
  if (total < ctx.config.INCIDENT_MIN_COMPLAINTS) return null; // too few to form one
  const similar = items.filter((c) =>
    c.id !== complaint.id && !c.duplicateOf && !c.incidentId && !c.tags.includes("flood") &&
    sameProblem(f, incidentFeatures(c))
  );
  const members = [...similar.reverse(), complaint]; // oldest first
  const customers = new Set(members.map((m) => m.customer.email.toLowerCase()));
  if (customers.size < ctx.config.INCIDENT_MIN_COMPLAINTS) return null;
  return await open_(ctx, members, [...customers]);
}

function windowStart(ctx: IncidentContext, complaint: Complaint): string {
  const windowMs = ctx.config.INCIDENT_WINDOW_MINUTES * 60_000;
  return new Date(Date.parse(complaint.receivedAt) - windowMs).toISOString();
}

async function open_(
  ctx: IncidentContext,
  members: Complaint[],
  customers: string[],
): Promise<Incident> {
  const now = ctx.now().toISOString();
  const common = shared(members.map(incidentFeatures));
  const incident: Incident = {
    id: newId(ctx.now().getTime()),
    title: titleOf(members, common.products),
    category: members[0].category,
    keywords: common.keywords,
    products: common.products,
    subcategories: common.subcategories,
    status: "open",
    memberCount: members.length,
    customerCount: customers.length,
    firstAt: members[0].receivedAt,
    lastAt: members.at(-1)!.receivedAt,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.store.createIncident(incident);
  for (const m of members) await markMember(ctx, m.id, incident, "incident_opened");
  ctx.log.info("incident_opened", { id: incident.id, customers: customers.length });
  return await alert(ctx, incident);
}

/**
 * The incident grown by `members` (not yet marked): counts, newest time. A customer is new to
 * it when none of the members so far is theirs (asked before they are marked; the incidents
 * lock keeps two joins from both counting one customer).
 */
async function grow(
  ctx: IncidentContext,
  incident: Incident,
  members: Complaint[],
): Promise<Incident> {
  const emails = new Set<string>();
  for (const m of members) {
    const email = m.customer.email.toLowerCase();
    if (emails.has(email)) continue;
    const { total } = await ctx.store.listComplaints(
      { incidentId: incident.id, customer: email, page: 1, limit: 1 },
    );
    if (total === 0) emails.add(email);
  }
  const lastAt = members.map((m) => m.receivedAt).reduce(
    (a, b) => (Date.parse(a) >= Date.parse(b) ? a : b),
    incident.lastAt,
  );
  return {
    ...incident,
    memberCount: incident.memberCount + members.length,
    customerCount: incident.customerCount + emails.size,
    lastAt,
    updatedAt: ctx.now().toISOString(),
  };
}

async function join(
  ctx: IncidentContext,
  incident: Incident,
  members: Complaint[],
): Promise<Incident> {
  const grown = await grow(ctx, incident, members);
  await ctx.store.saveIncident(grown);
  for (const m of members) await markMember(ctx, m.id, grown, "incident_joined");
  return await alert(ctx, grown);
}

/** The history entry of a complaint put into an incident. */
function memberEntry(ctx: IncidentContext, incident: Incident, action: string): HistoryEntry {
  return {
    at: ctx.now().toISOString(),
    actor: "system",
    action,
    details: { incident: incident.id, title: incident.title },
  };
}

async function markMember(
  ctx: IncidentContext,
  id: string,
  incident: Incident,
  action: string,
): Promise<void> {
  await ctx.store.updateComplaint(id, { incidentId: incident.id }, [
    memberEntry(ctx, incident, action),
  ]);
}

/**
 * The incident's one alert: sent when it opens (or at the first change after a failed send),
 * edited afterwards, at most once per INCIDENT_ALERT_EDIT_SECONDS (a resolution at once): a
 * change within that time marks the alert stale for the next edit or `refreshIncidentAlerts`.
 * A failure is recorded on the incident and tried again at its next change or by the jobs.
 */
async function alert(ctx: IncidentContext, incident: Incident): Promise<Incident> {
  const now = ctx.now();
  const at = now.toISOString();
  let next: Incident;
  try {
    const sent = incident.alert;
    const ref = sent?.messageId !== undefined && sent.chatId
      ? { chatId: sent.chatId, messageId: sent.messageId }
      : null;
    if (ref && ctx.notifier.updateIncident) {
      const last = Date.parse(sent!.editedAt ?? sent!.at);
      const soon = now.getTime() - last < ctx.config.INCIDENT_ALERT_EDIT_SECONDS * 1000;
      if (soon && incident.status === "open") {
        if (sent!.stale) return incident;
        next = { ...incident, alert: { ...sent!, stale: true } };
      } else {
        await ctx.notifier.updateIncident(ref, incident);
        const { stale: _stale, lastError: _error, ...rest } = sent!;
        next = { ...incident, alert: { ...rest, state: "sent", editedAt: at } };
      }
    } else {
      if (ref || sent?.state === "sent") return incident; // this notifier cannot edit
      const receipt = await ctx.notifier.notifyIncident(incident);
      next = {
        ...incident,
        alert: { state: "sent", at, editedAt: at, ...(receipt?.ref ? receipt.ref : {}) },
      };
    }
  } catch (err) {
    ctx.log.error("incident_alert_failed", { id: incident.id, error: String(err) });
    next = {
      ...incident,
      alert: {
        ...(incident.alert?.chatId ? incident.alert : {}),
        state: "failed",
        at,
        lastError: String(err).slice(0, 300),
      },
    };
  }
  await ctx.store.saveIncident(next);
  return next;
}

/**
 * Bring incident alerts up to date: edit those left stale by joins that came too soon after an
 * edit, and send again those that failed. Run by the jobs; returns how many were brought up to date.
 */
export async function refreshIncidentAlerts(ctx: IncidentContext): Promise<number> {
  let count = 0;
  for (const incident of await ctx.store.listIncidents({ status: "open", limit: 100 })) {
    const a = incident.alert;
    if (!a || !(a.stale || a.state === "failed")) continue;
    const done = await ctx.store.withLock(`incidents:${incident.category}`, async () => {
      const current = await ctx.store.getIncident(incident.id);
      const c = current?.alert;
      if (!current || !c || !(c.stale || c.state === "failed")) return false;
      const last = Date.parse(c.editedAt ?? c.at);
      if (ctx.now().getTime() - last < ctx.config.INCIDENT_ALERT_EDIT_SECONDS * 1000) return false;
      return (await alert(ctx, current)).alert?.state === "sent";
    });
    if (done) count++;
  }
  return count;
}

/** A short title: the first member's subject, with the shared product name when it lacks it. */
function titleOf(members: Complaint[], products: string[]): string {
  const subject = stripReplyPrefix(members[0].subject);
  const named = products.length === 0 || subject.toLowerCase().includes(products[0]);
  if (!named) return `${products[0]}: ${subject}`.slice(0, 200);
  return (subject || members[0].description.slice(0, 80)).slice(0, 200);
}

/**
 * Resolve an incident and every open member with one note (each member's history gets the
 * status change and the note, as an agent's own change would); the alert says so.
 */
export async function resolveIncident(
  ctx: IncidentContext,
  id: string,
  actor: string,
  note: string,
): Promise<Incident> {
  const incident = await ctx.store.getIncident(id);
  if (!incident) throw new NotFoundError(`No incident ${id}`);
  // Every member's id is read before any member changes, so the pages cannot shift under them.
  const memberIds: string[] = [];
  for await (const { items } of pagesOf(ctx.store, { incidentId: id })) {
    memberIds.push(...items.map((c) => c.id));
  }
  for (const memberId of memberIds) {
    const member = await ctx.store.getComplaint(memberId);
    if (!member || member.status === "resolved" || member.status === "closed") continue;
    await applyAgentPatch(ctx, memberId, { status: "resolved", note }, actor);
  }
  if (incident.status === "resolved") return incident;
  const now = ctx.now().toISOString();
  const resolved: Incident = {
    ...incident,
    status: "resolved",
    resolvedAt: now,
    resolvedBy: actor,
    note,
    updatedAt: now,
  };
  await ctx.store.saveIncident(resolved);
  const done = await alert(ctx, resolved);
  await ctx.store.flush();
  return done;
}

/** An incident with one page of its members (newest first), for its page and the API. */
export async function incidentWithMembers(
  ctx: Pick<AppContext, "store">,
  id: string,
  page: { page: number; limit: number } = { page: 1, limit: 50 },
): Promise<{ incident: Incident; members: ListResult<Complaint> }> {
  const incident = await ctx.store.getIncident(id);
  if (!incident) throw new NotFoundError(`No incident ${id}`);
  const members = await ctx.store.listComplaints({ incidentId: id, ...page });
  return { incident, members };
}
