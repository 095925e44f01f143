import {
  type Complaint,
  complaintSchema,
  type HistoryEntry,
  type ProcessedEmail,
  processedEmailSchema,
} from "../schema/complaint.ts";

/**
 * How a stored complaint or processed-email record may change. Both adapters call these, so
 * SQLite and MongoDB agree on what a save keeps and what an update may touch; an adapter only
 * turns the result into its own writes.
 */

/**
 * Complaint fields fixed once it is created: its identity (`id`, and `messageId`, which ingest
 * de-duplicates on), when it was created, and the history, which only grows by appending.
 */
export const FIXED_COMPLAINT_FIELDS = ["id", "messageId", "createdAt", "history"] as const;

/** The processed-email record's key is its identity (the claim is an insert on it). */
export const FIXED_PROCESSED_FIELDS = ["key"] as const;

/** Fields the store may change on a complaint after creation; adapters drop any other key. */
export type ComplaintUpdate = Partial<Omit<Complaint, (typeof FIXED_COMPLAINT_FIELDS)[number]>>;

/** Fields the store may change on a processed-email record. */
export type ProcessedEmailUpdate = Partial<
  Omit<ProcessedEmail, (typeof FIXED_PROCESSED_FIELDS)[number]>
>;

const fixedComplaint = new Set<string>(FIXED_COMPLAINT_FIELDS);
const fixedProcessed = new Set<string>(FIXED_PROCESSED_FIELDS);

/** Complaint fields an update may set or remove: every schema field that is not fixed. */
export const UPDATABLE_COMPLAINT_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(complaintSchema.shape).filter((k) => !fixedComplaint.has(k)),
);

/** Processed-email fields an update may set or remove. */
export const UPDATABLE_PROCESSED_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(processedEmailSchema.shape).filter((k) => !fixedProcessed.has(k)),
);

/**
 * The part of `changes` an update applies: known, changeable fields only. Unknown keys and fixed
 * fields are dropped rather than refused, so a caller spreading a wider object (a whole complaint,
 * a record with extras) changes exactly what the type allows and nothing else. A key whose value
 * is `undefined` stays: it means "remove this optional field".
 */
export function allowedComplaintChanges(changes: Record<string, unknown>): ComplaintUpdate {
  return pick(changes, UPDATABLE_COMPLAINT_FIELDS) as ComplaintUpdate;
}

/** As {@link allowedComplaintChanges}, for processed-email records. */
export function allowedProcessedChanges(changes: Record<string, unknown>): ProcessedEmailUpdate {
  return pick(changes, UPDATABLE_PROCESSED_FIELDS) as ProcessedEmailUpdate;
}

/**
 * The complaint after an update: the allowed changes applied (an `undefined` value removes the
 * field, as JSON and `$unset` store it) and `history` appended as given; two concurrent updates
 * each add their own entries, so nothing is de-duplicated here.
 */
export function applyComplaintUpdate(
  current: Complaint,
  changes: ComplaintUpdate,
  history: readonly HistoryEntry[],
): Complaint {
  const next = merge(current, allowedComplaintChanges(changes));
  next.history = [...current.history, ...history];
  return next;
}

/** The processed-email record after an update (same rules as complaints, key fixed). */
export function applyProcessedUpdate(
  current: ProcessedEmail,
  changes: ProcessedEmailUpdate,
): ProcessedEmail {
  return merge(current, allowedProcessedChanges(changes));
}

/**
 * The complaint a save stores: the processed fields of `incoming` on top of what is fixed in
 * `current` (its `messageId` above all: it is the complaint's identity, and the unique index and
 * every look-up by Message-ID must keep finding it), with `incoming`'s history entries appended
 * unless already there. A retry re-sends the history it started from; only new entries are added.
 */
export function mergeSavedComplaint(current: Complaint, incoming: Complaint): Complaint {
  return {
    ...incoming,
    id: current.id,
    messageId: current.messageId,
    createdAt: current.createdAt,
    history: [...current.history, ...incoming.history.filter((h) => !hasEntry(current, h))],
  };
}

/** Whether `complaint` already has this entry: same instant, action and actor. */
export function hasEntry(complaint: Complaint, entry: HistoryEntry): boolean {
  return complaint.history.some((e) =>
    e.at === entry.at && e.action === entry.action && e.actor === entry.actor
  );
}

function pick(changes: Record<string, unknown>, allowed: ReadonlySet<string>) {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(changes)) {
    if (allowed.has(key)) picked[key] = changes[key];
  }
  return picked;
}

/** `current` with `changes` on top; a change to `undefined` removes the field. */
function merge<T extends object>(current: T, changes: object): T {
  const next = { ...current, ...changes } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete next[key];
  return next as T;
}
