import {
  type Collection,
  type Db,
  type Document,
  type IndexDescription,
  MongoClient,
  type MongoClientOptions,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
} from "mongodb";
import type {
  Complaint,
  HistoryEntry,
  ListQuery,
  ListResult,
  ProcessedEmail,
  Stats,
  Status,
} from "../schema/complaint.ts";
import { type Incident, incidentFromStored } from "../schema/incident.ts";
import type { SavedReply } from "../schema/saved_reply.ts";
import { ConflictError, NotFoundError, UnavailableError } from "../errors.ts";
import type {
  CandidateQuery,
  ComplaintStore,
  ComplaintUpdate,
  CustomerQuery,
  IncidentQuery,
  ProcessedEmailQuery,
  ProcessedEmailUpdate,
  Session,
  UsageCounts,
  UsageDay,
} from "./port.ts";
import {
  DUE_WITHIN_MS,
  endOfRange,
  PRIORITY_RANK,
  SEARCH_SOURCE_FIELDS,
  shapeStats,
  SLA_CLOSED_STATUSES,
  slaInstant,
  startOfRange,
  STATS_DAYS,
} from "./query.ts";
import { searchFields, searchFilter } from "./mongo_search.ts";
import {
  allowedComplaintChanges,
  allowedProcessedChanges,
  applyComplaintUpdate,
  mergeSavedComplaint,
} from "./write_rules.ts";
import type { Agent } from "../schema/agent.ts";
import { type AgentUpdate, allowedAgentChanges } from "./agent_rules.ts";

/** Options for the MongoDB adapter; the defaults suit production. */
export interface MongoStoreOptions {
  /** How long an operation waits for a reachable server before failing (→ 503). */
  serverSelectionTimeoutMS?: number;
  /** How long an update waits for another writer of the same complaint. */
  lockWaitMS?: number;
}

// Stored beside the complaint's own fields and removed before it is returned.
const HIDDEN = ["_id", "_tokens", "_search", "_email", "_day", "_sla", "_prio"] as const;

// What `_sla` and `_prio` are derived from: an update of one recomputes them.
const SORT_SOURCE_FIELDS = new Set(["status", "slaDueAt", "priority"]);

/**
 * The list's sort. MongoDB sorts a missing field first, so the SLA order sorts on `_sla`, stored
 * with each complaint: its due time, "~1" without one, "~2" once closed ("~" sorts after digits).
 */
function listSort(sort: ListQuery["sort"]): Record<string, 1 | -1> {
  const newest = { receivedAt: -1, _id: -1 } as const;
  if (sort === "sla") return { _sla: 1, ...newest };
  if (sort === "priority") return { _prio: 1, _sla: 1, ...newest };
  return newest;
}
const LIST_PROJECTION = { _tokens: 0, _search: 0 };
const LOCK_LEASE_MS = 30_000;

type Doc = Document & { _id: string };

const USAGE_FIELDS = ["calls", "input", "output", "cacheRead", "cacheWrite"] as const;
const emptyUsage = (): UsageCounts => ({
  calls: 0,
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
});

/**
 * The complaint store on MongoDB (Atlas, a replica set, or anything speaking its wire protocol).
 * Semantics copy the SQLite adapter; the contract suite proves it on both.
 *
 * Only operations that MongoDB and FerretDB both make atomic are relied on: inserts against a
 * unique index. Read-modify-write of one complaint therefore runs under a short lease taken by
 * inserting into `locks` (FerretDB applies a concurrent `findOneAndUpdate` non-atomically).
 */
export class MongoStore implements ComplaintStore {
  readonly name = "mongodb";
  readonly #uri: string;
  readonly #dbName: string;
  readonly #options: Required<MongoStoreOptions>;
  #client: MongoClient | null = null;

  constructor(uri: string, dbName: string, options: MongoStoreOptions = {}) {
    this.#uri = uri;
    this.#dbName = dbName;
    this.#options = { serverSelectionTimeoutMS: 5_000, lockWaitMS: 10_000, ...options };
  }

  /**
   * Create indexes (idempotent: the same specs and names every time). One at a time: FerretDB
   * drops the connection when a batch names indexes that already exist.
   */
  init(): Promise<void> {
    return this.#run(async () => {
      const db = await this.#db();
      const ensure = async (name: string, specs: IndexDescription[]) => {
        for (const spec of specs) await db.collection(name).createIndexes([spec]);
      };
      await ensure("complaints", [
        { key: { messageId: 1 }, name: "messageId", unique: true },
        { key: { _email: 1 }, name: "customerEmail" },
        { key: { status: 1 }, name: "status" },
        { key: { category: 1 }, name: "category" },
        { key: { priority: 1 }, name: "priority" },
        { key: { assignee: 1 }, name: "assignee" },
        { key: { createdAt: 1 }, name: "createdAt" },
        { key: { receivedAt: -1, _id: -1 }, name: "receivedAt" },
        { key: { _sla: 1, receivedAt: -1 }, name: "slaOrder" },
        // The agents' filtered queue (status and category) in either of its orders, and a team's
        // queue: MongoDB reads a page in index order and counts within the index range.
        {
          key: { status: 1, category: 1, receivedAt: -1, _id: -1 },
          name: "statusCategoryNewest",
        },
        {
          key: { status: 1, category: 1, _sla: 1, receivedAt: -1, _id: -1 },
          name: "statusCategorySla",
        },
        { key: { team: 1, _sla: 1, receivedAt: -1, _id: -1 }, name: "teamSla" },
        { key: { _prio: 1, _sla: 1 }, name: "priorityOrder" },
        { key: { contentHash: 1 }, name: "contentHash" },
        { key: { "processing.state": 1, "processing.nextAttemptAt": 1 }, name: "processing" },
        { key: { _tokens: 1 }, name: "searchTokens" },
        { key: { _day: 1 }, name: "day" },
        { key: { ref: 1 }, name: "ref" },
        { key: { "entities.orderNumbers": 1 }, name: "orderNumbers" },
        { key: { "entities.phones": 1 }, name: "phones" },
        { key: { incidentId: 1, receivedAt: -1 }, name: "incidentMembers" },
      ]);
      await ensure("processed_emails", [
        { key: { receivedAt: -1, _id: 1 }, name: "receivedAt" },
        { key: { outcome: 1, updatedAt: 1 }, name: "outcomeUpdated" },
        { key: { from: 1, receivedAt: 1 }, name: "fromReceived" },
      ]);
      await ensure("sessions", [{ key: { expiresAt: 1 }, name: "expiresAt" }]);
      await ensure("agents", [{ key: { email: 1 }, name: "email", unique: true }]);
      await ensure("usage", [{ key: { day: 1 }, name: "day" }]);
      await ensure("incidents", [{ key: { status: 1, lastAt: -1 }, name: "statusLast" }]);
      // Complaints stored before the sort keys existed get them (once; cheap when none lack them).
      const complaints = db.collection<Doc>("complaints");
      for await (
        const d of complaints.find({ _sla: { $exists: false } }, {
          projection: { status: 1, slaDueAt: 1, priority: 1 },
        })
      ) {
        await complaints.updateOne({ _id: d._id }, { $set: sortKeys(d as unknown as Complaint) });
      }
    });
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.#run(async () => {
      const client = this.#client;
      this.#client = null;
      if (client) await releaseClient(this.#uri, this.#clientOptions(), client);
    });
  }

  createComplaint(complaint: Complaint): Promise<{ complaint: Complaint; created: boolean }> {
    return this.#run(async () => {
      try {
        await (await this.#complaints()).insertOne(toDoc(complaint));
        return { complaint, created: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const existing = await this.#findOne({ messageId: String(complaint.messageId) });
      if (!existing) throw new ConflictError(`complaint id ${complaint.id} already exists`);
      return { complaint: existing, created: false };
    });
  }

  saveComplaint(complaint: Complaint): Promise<void> {
    return this.#run(() =>
      this.#locked(`complaint:${complaint.id}`, async () => {
        const current = await this.#findOne({ _id: String(complaint.id) });
        if (!current) throw new NotFoundError(`unknown complaint ${complaint.id}`);
        await (await this.#complaints()).replaceOne(
          { _id: current.id },
          toDoc(mergeSavedComplaint(current, complaint)),
        );
      })
    );
  }

  getComplaint(id: string): Promise<Complaint | null> {
    return this.#run(() => this.#findOne({ _id: String(id) }));
  }

  findByMessageId(messageId: string): Promise<Complaint | null> {
    return this.#run(() => this.#findOne({ messageId: String(messageId) }));
  }

  updateComplaint(
    id: string,
    changes: ComplaintUpdate,
    history: HistoryEntry[],
  ): Promise<Complaint | null> {
    const allowed = allowedComplaintChanges(changes);
    return this.#run(() =>
      this.#locked(`complaint:${id}`, async () => {
        const { $set, $unset } = setAndUnset(allowed);
        const keys = Object.keys(allowed);
        if (
          keys.some((k) =>
            SEARCH_SOURCE_FIELDS.has(k) || SORT_SOURCE_FIELDS.has(k) || k === "receivedAt"
          )
        ) {
          // Derived fields need the whole complaint; the lease keeps it from changing meanwhile.
          const current = await this.#findOne({ _id: String(id) });
          if (!current) return null;
          const { _id: _, ...derived } = toDoc(applyComplaintUpdate(current, allowed, []));
          for (const k of HIDDEN) if (k !== "_id") $set[k] = derived[k];
        }
        const update: Document = {};
        if (Object.keys($set).length) update.$set = $set;
        if (Object.keys($unset).length) update.$unset = $unset;
        if (history.length) update.$push = { history: { $each: history.map(encodeHistory) } };
        if (Object.keys(update).length === 0) return this.#findOne({ _id: String(id) });
        const doc = await (await this.#complaints()).findOneAndUpdate(
          { _id: String(id) },
          update,
          { returnDocument: "after" },
        );
        return doc ? fromDoc(doc) : null;
      })
    );
  }

  listComplaints(query: ListQuery): Promise<ListResult<Complaint>> {
    return this.#run(async () => {
      const page = { page: query.page, limit: query.limit };
      const and: Document[] = [];
      // Values are strings from the validated query, forced to strings so no object can become
      // an operator.
      if (query.status) and.push({ status: String(query.status) });
      if (query.category) and.push({ category: String(query.category) });
      if (query.priority) and.push({ priority: String(query.priority) });
      if (query.assignee) and.push({ assignee: String(query.assignee) });
      if (query.unassigned) and.push({ assignee: null }); // null or absent
      if (query.team) and.push({ team: String(query.team) });
      if (query.incidentId) and.push({ incidentId: String(query.incidentId) });
      if (query.customer) and.push({ _email: String(query.customer).toLowerCase() });
      if (query.processing) and.push({ "processing.state": String(query.processing) });
      if (query.from) and.push({ receivedAt: { $gte: startOfRange(query.from) } });
      if (query.to) and.push({ receivedAt: { $lte: endOfRange(query.to) } });
      if (query.sla) {
        const now = slaInstant(query.slaNow);
        and.push({ status: { $nin: [...SLA_CLOSED_STATUSES] } });
        and.push(
          {
            overdue: { slaDueAt: { $lte: now } },
            due_soon: { slaDueAt: { $gt: now }, slaWarnAt: { $lte: now } },
            due_within_hour: {
              slaDueAt: { $gt: now, $lte: new Date(Date.parse(now) + DUE_WITHIN_MS).toISOString() },
            },
            on_time: { $or: [{ slaDueAt: { $exists: false } }, { slaWarnAt: { $gt: now } }] },
          }[query.sla],
        );
      }
      if (query.alertRetryBefore) {
        and.push({ alertRetryAt: { $lte: new Date(query.alertRetryBefore).toISOString() } });
      }
      if (query.outboundRetryBefore) {
        and.push({
          outboundRetryAt: { $lte: new Date(query.outboundRetryBefore).toISOString() },
        });
      }
      if (query.modelRetryBefore) {
        and.push({ modelRetryAt: { $lte: new Date(query.modelRetryBefore).toISOString() } });
      }
      if (query.notDuplicate) and.push({ notDuplicateOf: { $exists: true } });
      if (query.autoReplied) and.push({ autoRepliedAt: { $exists: true } });
      if (query.corrected) and.push({ triageCorrectedAt: { $exists: true } });
      if (query.confidenceBelow !== undefined) {
        and.push({ confidence: { $lt: Number(query.confidenceBelow) } });
      }
      if (query.q) {
        const match = searchFilter(query.q);
        if (!match) return { items: [], total: 0, ...page };
        and.push(match);
      }
      const filter = and.length ? { $and: and } : {};
      const complaints = await this.#complaints();
      const [total, docs] = await Promise.all([
        complaints.countDocuments(filter),
        complaints.find(filter, {
          projection: LIST_PROJECTION,
          sort: listSort(query.sort),
          skip: (query.page - 1) * query.limit,
          limit: query.limit,
        }).toArray(),
      ]);
      return { items: docs.map(fromDoc), total, ...page };
    });
  }

  listRetryable(now: string, limit: number): Promise<Complaint[]> {
    return this.#run(async () => {
      const docs = await (await this.#complaints()).find({
        "processing.state": { $in: ["pending", "failed"] },
        $or: [
          { "processing.nextAttemptAt": { $exists: false } },
          { "processing.nextAttemptAt": null },
          { "processing.nextAttemptAt": { $lte: String(now) } },
        ],
      }, { projection: LIST_PROJECTION, sort: { receivedAt: 1, _id: 1 }, limit }).toArray();
      return docs.map(fromDoc);
    });
  }

  /**
   * One `$group` pass by status, category, priority and day together, summed here by each: a
   * server that reads every document to group them (FerretDB always; MongoDB without a covering
   * index) reads them once instead of four times. The composition root caches the answer briefly
   * (`stats_cache.ts`). `$group` on stored fields: FerretDB has no `$substr`, so the day is `_day`.
   */
  stats(): Promise<Stats> {
    return this.#run(async () => {
      type Key = { s: string; c: string; p: string; d: string };
      const rows = await (await this.#complaints()).aggregate<{ _id: Key; n: number }>([
        {
          $group: {
            _id: { s: "$status", c: "$category", p: "$priority", d: "$_day" },
            n: { $sum: 1 },
          },
        },
      ]).toArray();
      const by = (field: keyof Key) => {
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(r._id[field], (counts.get(r._id[field]) ?? 0) + r.n);
        return [...counts].map(([key, count]) => ({ key, count }));
      };
      return shapeStats({
        byStatus: by("s"),
        byCategory: by("c"),
        byPriority: by("p"),
        days: by("d").sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0)).slice(
          0,
          STATS_DAYS,
        ),
      });
    });
  }

  findByRef(ref: string): Promise<Complaint | null> {
    if (!ref) return Promise.resolve(null);
    return this.#run(() => this.#findOne({ ref: String(ref) }));
  }

  findOriginalByHash(contentHash: string, since: string): Promise<Complaint | null> {
    return this.#run(async () => {
      const docs = await (await this.#complaints()).find({
        contentHash: String(contentHash),
        status: { $ne: "duplicate" },
        receivedAt: { $gte: String(since) },
      }, { projection: LIST_PROJECTION, sort: { receivedAt: 1, _id: 1 }, limit: 1 }).toArray();
      return docs[0] ? fromDoc(docs[0]) : null;
    });
  }

  duplicateCandidates(query: CandidateQuery): Promise<Complaint[]> {
    return this.#run(async () => {
      const or: Document[] = [{ _email: String(query.customerEmail).toLowerCase() }];
      const orders = query.orderNumbers.map(String);
      if (orders.length) or.push({ "entities.orderNumbers": { $in: orders } });
      const docs = await (await this.#complaints()).find({
        $and: [
          { status: { $ne: "duplicate" } },
          { receivedAt: { $gte: String(query.since) } },
          { $or: or },
        ],
      }, {
        projection: LIST_PROJECTION,
        sort: { receivedAt: -1, _id: -1 },
        limit: query.limit,
      }).toArray();
      return docs.map(fromDoc);
    });
  }

  customerComplaints(query: CustomerQuery): Promise<Complaint[]> {
    return this.#run(async () => {
      const or: Document[] = [];
      if (query.email) or.push({ _email: String(query.email).toLowerCase() });
      const orders = query.orderNumbers.map(String);
      if (orders.length) or.push({ "entities.orderNumbers": { $in: orders } });
      const phones = query.phones.map(String);
      if (phones.length) or.push({ "entities.phones": { $in: phones } });
      if (or.length === 0) return [];
      const docs = await (await this.#complaints()).find({ $or: or }, {
        projection: LIST_PROJECTION,
        sort: { receivedAt: -1, _id: -1 },
        limit: query.limit,
      }).toArray();
      return docs.map(fromDoc);
    });
  }

  topCustomers(status: Status, limit: number): Promise<{ email: string; count: number }[]> {
    return this.#run(async () => {
      const rows = await (await this.#complaints()).aggregate<{ _id: string; n: number }>([
        { $match: { status: String(status) } },
        { $group: { _id: "$_email", n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
        { $limit: limit },
      ]).toArray();
      return rows.map((r) => ({ email: r._id, count: Number(r.n) }));
    });
  }

  countEmailsFrom(from: string, since: string): Promise<number> {
    return this.#run(async () =>
      await (await this.#processed()).countDocuments({
        from: String(from),
        receivedAt: { $gte: String(since) },
      })
    );
  }

  claimEmail(record: ProcessedEmail): Promise<{ record: ProcessedEmail; created: boolean }> {
    return this.#run(async () => {
      const processed = await this.#processed();
      try {
        await processed.insertOne({ ...record, _id: record.key });
        return { record, created: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const stored = await processed.findOne({ _id: String(record.key) });
      return { record: strip(stored!) as ProcessedEmail, created: false };
    });
  }

  updateProcessedEmail(key: string, changes: ProcessedEmailUpdate): Promise<void> {
    const { $set, $unset } = setAndUnset(allowedProcessedChanges(changes));
    const update: Document = {};
    if (Object.keys($set).length) update.$set = $set;
    if (Object.keys($unset).length) update.$unset = $unset;
    if (Object.keys(update).length === 0) return Promise.resolve();
    return this.#run(async () => {
      await (await this.#processed()).updateOne({ _id: String(key) }, update);
    });
  }

  getProcessedEmail(key: string): Promise<ProcessedEmail | null> {
    return this.#run(async () => {
      const doc = await (await this.#processed()).findOne({ _id: String(key) });
      return doc ? strip(doc) as ProcessedEmail : null;
    });
  }

  listProcessedEmails(query: ProcessedEmailQuery): Promise<ListResult<ProcessedEmail>> {
    return this.#run(async () => {
      const filter = query.outcome ? { outcome: String(query.outcome) } : {};
      const processed = await this.#processed();
      const [total, docs] = await Promise.all([
        processed.countDocuments(filter),
        processed.find(filter, {
          sort: { receivedAt: -1, _id: 1 },
          skip: (query.page - 1) * query.limit,
          limit: query.limit,
        }).toArray(),
      ]);
      return {
        items: docs.map((d) => strip(d) as ProcessedEmail),
        total,
        page: query.page,
        limit: query.limit,
      };
    });
  }

  listStuckEmails(olderThan: string, limit: number): Promise<ProcessedEmail[]> {
    return this.#run(async () => {
      const docs = await (await this.#processed()).find(
        { outcome: "received", updatedAt: { $lt: String(olderThan) } },
        { sort: { receivedAt: 1, _id: 1 }, limit },
      ).toArray();
      return docs.map((d) => strip(d) as ProcessedEmail);
    });
  }

  createSession(session: Session): Promise<void> {
    return this.#run(async () => {
      await (await this.#sessions()).replaceOne(
        { _id: session.id },
        { ...session, _id: session.id },
        { upsert: true },
      );
    });
  }

  getSession(id: string): Promise<Session | null> {
    return this.#run(async () => {
      const doc = await (await this.#sessions()).findOne({ _id: String(id) });
      return doc ? strip(doc) as Session : null;
    });
  }

  deleteSession(id: string): Promise<void> {
    return this.#run(async () => {
      await (await this.#sessions()).deleteOne({ _id: String(id) });
    });
  }

  createAgent(agent: Agent): Promise<Agent> {
    return this.#run(async () => {
      const stored = { ...agent, email: agent.email.toLowerCase() };
      try {
        await (await this.#agents()).insertOne({ ...stored, _id: stored.id });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        throw new ConflictError(`an agent with email ${stored.email} exists`);
      }
      return stored;
    });
  }

  getAgent(id: string): Promise<Agent | null> {
    return this.#run(async () => {
      const doc = await (await this.#agents()).findOne({ _id: String(id) });
      return doc ? strip(doc) as Agent : null;
    });
  }

  getAgentByEmail(email: string): Promise<Agent | null> {
    return this.#run(async () => {
      const doc = await (await this.#agents()).findOne({ email: String(email).toLowerCase() });
      return doc ? strip(doc) as Agent : null;
    });
  }

  listAgents(): Promise<Agent[]> {
    return this.#run(async () => {
      const docs = await (await this.#agents()).find({}, { sort: { email: 1 } }).toArray();
      return docs.map((d) => strip(d) as Agent);
    });
  }

  createIncident(incident: Incident): Promise<void> {
    return this.#run(async () => {
      await (await this.#incidents()).insertOne({ ...incidentDoc(incident), _id: incident.id });
    });
  }

  getIncident(id: string): Promise<Incident | null> {
    return this.#run(async () => {
      const doc = await (await this.#incidents()).findOne({ _id: String(id) });
      return doc ? incidentFromStored(strip(doc)) : null;
    });
  }

  saveIncident(incident: Incident): Promise<void> {
    return this.#run(async () => {
      await (await this.#incidents()).replaceOne(
        { _id: incident.id },
        { ...incidentDoc(incident), _id: incident.id },
      );
    });
  }

  listIncidents(query: IncidentQuery): Promise<Incident[]> {
    return this.#run(async () => {
      const filter: Document = {};
      if (query.status) filter.status = String(query.status);
      if (query.category) filter.category = String(query.category);
      if (query.lastSince) filter.lastAt = { $gte: new Date(query.lastSince).toISOString() };
      const docs = await (await this.#incidents())
        .find(filter, { sort: { lastAt: -1, _id: -1 }, limit: query.limit }).toArray();
      return docs.map((d) => incidentFromStored(strip(d)));
    });
  }

  createSavedReply(reply: SavedReply): Promise<void> {
    return this.#run(async () => {
      await (await this.#savedReplies()).insertOne({ ...reply, _id: reply.id });
    });
  }

  getSavedReply(id: string): Promise<SavedReply | null> {
    return this.#run(async () => {
      const doc = await (await this.#savedReplies()).findOne({ _id: String(id) });
      return doc ? strip(doc) as SavedReply : null;
    });
  }

  listSavedReplies(): Promise<SavedReply[]> {
    return this.#run(async () => {
      const docs = await (await this.#savedReplies()).find({}, { sort: { title: 1, _id: 1 } })
        .toArray();
      return docs.map((d) => strip(d) as SavedReply);
    });
  }

  saveSavedReply(reply: SavedReply): Promise<boolean> {
    return this.#run(async () => {
      const result = await (await this.#savedReplies()).replaceOne(
        { _id: reply.id },
        { ...reply, _id: reply.id },
      );
      return result.matchedCount > 0;
    });
  }

  deleteSavedReply(id: string): Promise<boolean> {
    return this.#run(async () => {
      const result = await (await this.#savedReplies()).deleteOne({ _id: String(id) });
      return result.deletedCount > 0;
    });
  }

  addUsage(day: string, model: string, usage: UsageCounts): Promise<void> {
    return this.#run(async () => {
      // One document per addition, summed when read: an insert never loses a concurrent one
      // (FerretDB's $inc on one shared document does, measured: 2 of 20 counted).
      await (await this.#db()).collection<Doc>("usage").insertOne({
        _id: crypto.randomUUID(),
        day: String(day),
        model: String(model),
        calls: usage.calls,
        input: usage.input,
        output: usage.output,
        cacheRead: usage.cacheRead,
        cacheWrite: usage.cacheWrite,
      });
    });
  }

  listUsage(sinceDay: string): Promise<UsageDay[]> {
    return this.#run(async () => {
      // Summed here: FerretDB's $group answers 0 for every $sum after the first (measured).
      const docs = await (await this.#db()).collection<Doc>("usage")
        .find({ day: { $gte: String(sinceDay) } }, { projection: { _id: 0 } }).toArray();
      const totals = new Map<string, UsageDay>();
      for (const d of docs) {
        const key = `${d.day}|${d.model}`;
        const row = totals.get(key) ??
          { day: String(d.day), model: String(d.model), ...emptyUsage() };
        for (const field of USAGE_FIELDS) row[field] += Number(d[field] ?? 0);
        totals.set(key, row);
      }
      return [...totals.values()].sort((a, b) =>
        b.day.localeCompare(a.day) || a.model.localeCompare(b.model)
      );
    });
  }

  updateAgent(id: string, changes: AgentUpdate): Promise<Agent | null> {
    return this.#run(async () => {
      const agents = await this.#agents();
      // Only top-level known fields ($set of plain values): one atomic update per call.
      const $set = allowedAgentChanges(changes);
      if (Object.keys($set).length > 0) await agents.updateOne({ _id: String(id) }, { $set });
      const doc = await agents.findOne({ _id: String(id) });
      return doc ? strip(doc) as Agent : null;
    });
  }

  tryLease(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.#run(async () => {
      const leases = (await this.#db()).collection<Doc>("leases");
      const lease = () => ({
        _id: String(key),
        owner: String(owner),
        expiresAt: Date.now() + ttlMs,
      });
      try {
        await leases.insertOne(lease());
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // Held: take it over only if it expired or is ours. The unique insert after the delete
      // decides between two callers that both saw it expired.
      const gone = await leases.deleteOne({
        _id: String(key),
        $or: [{ expiresAt: { $lte: Date.now() } }, { owner: String(owner) }],
      });
      if (gone.deletedCount !== 1) return false;
      try {
        await leases.insertOne(lease());
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return false;
      }
    });
  }

  releaseLease(key: string, owner: string): Promise<void> {
    return this.#run(async () => {
      await (await this.#db()).collection<Doc>("leases").deleteOne({
        _id: String(key),
        owner: String(owner),
      });
    });
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    // A namespace of its own: the store's per-complaint locks are not re-entrant.
    return this.#run(() => this.#locked(`app:${key}`, fn));
  }

  /**
   * Every public operation runs through here: driver errors that mean the server cannot be
   * reached become `UnavailableError` (the edge answers 503 and the caller may retry), so no
   * code outside this adapter needs to know MongoDB's error classes. Anything else (a bug, a
   * refused write, the caller's own error inside `withLock`) passes through unchanged.
   */
  async #run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      throw unreachable(err) ? new UnavailableError("MongoDB is unavailable", { cause: err }) : err;
    }
  }

  /**
   * Run `fn` holding the lease `key`: an insert into a unique `_id`, the one write both MongoDB
   * and FerretDB make atomic. A lease left by a crashed process expires after LOCK_LEASE_MS.
   * Waiting longer than `lockWaitMS` means the store is too busy to serve now: unavailable.
   */
  async #locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const locks = (await this.#db()).collection<Doc>("locks");
    const owner = crypto.randomUUID();
    const deadline = Date.now() + this.#options.lockWaitMS;
    for (let attempt = 0;; attempt++) {
      try {
        await locks.insertOne({ _id: key, owner, expiresAt: Date.now() + LOCK_LEASE_MS });
        break;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const held = await locks.findOne({ _id: key });
      if (held && held.expiresAt < Date.now()) {
        await locks.deleteOne({ _id: key, owner: held.owner });
        continue;
      }
      if (Date.now() > deadline) throw new UnavailableError(`timed out waiting for ${key}`);
      await new Promise((r) => setTimeout(r, Math.min(50, 2 + attempt * 2) * Math.random() + 1));
    }
    try {
      return await fn();
    } finally {
      await locks.deleteOne({ _id: key, owner });
    }
  }

  async #findOne(filter: Document): Promise<Complaint | null> {
    const doc = await (await this.#complaints()).findOne(filter, { projection: LIST_PROJECTION });
    return doc ? fromDoc(doc) : null;
  }

  /**
   * The database, connected. `connect()` is cheap once connected, and it replaces the topology
   * the driver closes after a failed first connect (else every later call fails for good).
   */
  async #db(): Promise<Db> {
    this.#client ??= acquireClient(this.#uri, this.#clientOptions());
    await this.#client.connect();
    return this.#client.db(this.#dbName);
  }

  #clientOptions(): MongoClientOptions {
    return {
      serverSelectionTimeoutMS: this.#options.serverSelectionTimeoutMS,
      // JSON (the SQLite adapter's format) drops undefined fields; BSON would store null.
      ignoreUndefined: true,
      appName: "inbox-triage",
    };
  }

  async #complaints(): Promise<Collection<Doc>> {
    return (await this.#db()).collection<Doc>("complaints");
  }

  async #processed(): Promise<Collection<Doc>> {
    return (await this.#db()).collection<Doc>("processed_emails");
  }

  async #sessions(): Promise<Collection<Doc>> {
    return (await this.#db()).collection<Doc>("sessions");
  }

  async #savedReplies(): Promise<Collection<Doc>> {
    return (await this.#db()).collection<Doc>("saved_replies");
  }

  async #incidents(): Promise<Collection<Doc>> {
    return (await this.#db()).collection<Doc>("incidents");
  }

  async #agents(): Promise<Collection<Doc>> {
    return (await this.#db()).collection<Doc>("agents");
  }
}

// One pooled client per URI and options in the process, shared by every store that uses it.
const clients = new Map<string, { client: MongoClient; refs: number }>();

function acquireClient(uri: string, options: MongoClientOptions): MongoClient {
  const id = `${uri}\n${JSON.stringify(options)}`;
  const entry = clients.get(id) ?? { client: new MongoClient(uri, options), refs: 0 };
  entry.refs++;
  clients.set(id, entry);
  return entry.client;
}

async function releaseClient(
  uri: string,
  options: MongoClientOptions,
  client: MongoClient,
): Promise<void> {
  const id = `${uri}\n${JSON.stringify(options)}`;
  const entry = clients.get(id);
  if (entry?.client !== client) return await client.close();
  if (--entry.refs > 0) return;
  clients.delete(id);
  await client.close();
}

/**
 * A complaint as stored: its fields, `_id` = id, the derived fields queries need, and history
 * details as JSON text (FerretDB refuses keys with "." or a leading "$", and details are free-form).
 */
function toDoc(c: Complaint): Doc {
  return {
    ...c,
    history: c.history.map(encodeHistory),
    _id: c.id,
    _email: c.customer.email.toLowerCase(),
    _day: c.receivedAt.slice(0, 10),
    ...sortKeys(c),
    ...searchFields(c),
  };
}

/** The stored keys the list sorts on (see `listSort`). */
function sortKeys(
  c: Pick<Complaint, "status" | "slaDueAt" | "priority">,
): { _sla: string; _prio: number } {
  return {
    _sla: SLA_CLOSED_STATUSES.includes(c.status) ? "~2" : c.slaDueAt ?? "~1",
    _prio: SLA_CLOSED_STATUSES.includes(c.status) ? 9 : PRIORITY_RANK[c.priority] ?? 8,
  };
}

function fromDoc(doc: Document): Complaint {
  const c = strip(doc) as Complaint & { history: StoredHistory[] };
  return { ...c, history: c.history.map(decodeHistory) };
}

type StoredHistory = Omit<HistoryEntry, "details"> & { details?: string };

function encodeHistory(h: HistoryEntry): StoredHistory {
  return { ...h, details: JSON.stringify(h.details) };
}

function decodeHistory(h: StoredHistory): HistoryEntry {
  const { details, ...rest } = h;
  return (details === undefined ? rest : { ...rest, details: JSON.parse(details) }) as HistoryEntry;
}

/** An incident as stored: instants normalised so they sort as strings. */
function incidentDoc(i: Incident): Document {
  return { ...i, lastAt: new Date(i.lastAt).toISOString() };
}

function strip(doc: Document): Document {
  const copy = { ...doc };
  for (const k of HIDDEN) delete copy[k];
  return copy;
}

/**
 * Split allowed changes (`write_rules.ts` has dropped unknown keys, so each is a top-level field,
 * never a path or operator) into `$set` and `$unset`.
 */
function setAndUnset(changes: Record<string, unknown>): { $set: Document; $unset: Document } {
  const $set: Document = {};
  const $unset: Document = {};
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) $unset[k] = "";
    else $set[k] = v;
  }
  return { $set, $unset };
}

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/**
 * Whether a driver error means no server can be reached now (none selectable, the connection
 * dropped or timed out, the client not connected) rather than a refused or malformed operation.
 */
function unreachable(err: unknown): boolean {
  return err instanceof MongoServerSelectionError || err instanceof MongoNetworkError ||
    err instanceof MongoNotConnectedError;
}
