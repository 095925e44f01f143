import { KeyedMutex } from "../keyed_mutex.ts";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { dirname } from "node:path";
import type {
  Complaint,
  HistoryEntry,
  ListQuery,
  ListResult,
  ProcessedEmail,
  Stats,
  Status,
} from "../schema/complaint.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
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
  ftsQuery,
  PRIORITY_RANK,
  searchColumns,
  shapeStats,
  SLA_CLOSED_STATUSES,
  slaInstant,
  startOfRange,
} from "./query.ts";
import { applyComplaintUpdate, applyProcessedUpdate, mergeSavedComplaint } from "./write_rules.ts";
import { SqliteCheckpointer } from "./sqlite_checkpointer.ts";
import type { Agent } from "../schema/agent.ts";
import { type Incident, incidentFromStored } from "../schema/incident.ts";
import type { SavedReply } from "../schema/saved_reply.ts";
import { type AgentUpdate, applyAgentUpdate } from "./agent_rules.ts";
import { WalSync } from "./wal_sync.ts";
import {
  ADD_COUNT,
  countAll,
  countChanges,
  type CountedRow,
  COUNTS_SCHEMA,
  readCounts,
  rebuildCounts,
} from "./sqlite_counts.ts";
import { searchPlan } from "./search_plan.ts";

/**
 * Bumped when derived data changes; older databases are brought up to date from their documents
 * on open (2: full-text and order rows; 3: team and sort-key columns, counts; 4: incident column).
 */
const SCHEMA_VERSION = 4;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS complaints (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  customer_email TEXT NOT NULL,
  status TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL,
  assignee TEXT,
  content_hash TEXT NOT NULL,
  processing_state TEXT NOT NULL,
  next_attempt_at TEXT,
  received_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  doc TEXT NOT NULL,
  team TEXT NOT NULL DEFAULT '',
  sla_key TEXT NOT NULL DEFAULT '',
  prio_key INTEGER NOT NULL DEFAULT 8
);
CREATE INDEX IF NOT EXISTS complaints_customer ON complaints(customer_email);
CREATE INDEX IF NOT EXISTS complaints_priority ON complaints(priority);
CREATE INDEX IF NOT EXISTS complaints_hash ON complaints(content_hash);
CREATE INDEX IF NOT EXISTS complaints_ref ON complaints(json_extract(doc, '$.ref'));
CREATE VIRTUAL TABLE IF NOT EXISTS complaints_fts USING fts5(
  id UNINDEXED, subject, body, customer, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS complaint_orders (
  order_number TEXT NOT NULL,
  complaint_id TEXT NOT NULL,
  PRIMARY KEY (order_number, complaint_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS complaint_orders_complaint ON complaint_orders(complaint_id);
CREATE TABLE IF NOT EXISTS processed_emails (
  key TEXT PRIMARY KEY,
  outcome TEXT NOT NULL,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS processed_received ON processed_emails(received_at);
CREATE INDEX IF NOT EXISTS processed_from ON processed_emails(json_extract(doc, '$.from'), received_at);
CREATE TABLE IF NOT EXISTS leases (
  key TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS agents (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS usage (
  day TEXT NOT NULL,
  model TEXT NOT NULL,
  calls INTEGER NOT NULL DEFAULT 0,
  input INTEGER NOT NULL DEFAULT 0,
  output INTEGER NOT NULL DEFAULT 0,
  cache_read INTEGER NOT NULL DEFAULT 0,
  cache_write INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, model)
);
CREATE TABLE IF NOT EXISTS incidents (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  category TEXT NOT NULL,
  last_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_last ON incidents(status, last_at);
CREATE TABLE IF NOT EXISTS saved_replies (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  doc TEXT NOT NULL
);
${COUNTS_SCHEMA}`;

/** Columns added after the first release: `ALTER TABLE` adds them to older databases. */
const ADDED_COLUMNS: Record<string, string> = {
  team: "TEXT NOT NULL DEFAULT ''",
  sla_key: "TEXT NOT NULL DEFAULT ''",
  prio_key: "INTEGER NOT NULL DEFAULT 8",
  incident_id: "TEXT",
};

/** The partial index's term: a query must carry it word for word for SQLite to use that index. */
const UNFINISHED = "processing_state != 'done'";

/**
 * Indexes on the added columns (created once they exist), shaped after the agents' views: each
 * ends in a list order, so a page is read in index order and stops after `limit` rows, and a
 * count of an equality filter is an index range. The older single-column status and received
 * indexes are prefixes of these. Every index is written by every insert, so none is kept that no
 * query reads (creation time), and the processing index holds only the complaints not done (the
 * retry job's and the "needs attention" view's few), a query naming them with the index's own
 * term (`UNFINISHED`).
 */
const VIEW_INDEXES = `
DROP INDEX IF EXISTS complaints_status;
DROP INDEX IF EXISTS complaints_received;
CREATE INDEX IF NOT EXISTS complaints_newest ON complaints(received_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS complaints_sla ON complaints(sla_key, received_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS complaints_status_category
  ON complaints(status, category, received_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS complaints_incident
  ON complaints(incident_id, received_at DESC, id DESC) WHERE incident_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS complaints_incident_customer
  ON complaints(incident_id, customer_email) WHERE incident_id IS NOT NULL;
DROP INDEX IF EXISTS complaints_category;
CREATE INDEX IF NOT EXISTS complaints_category_newest
  ON complaints(category, received_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS complaints_status_category_sla
  ON complaints(status, category, sla_key, received_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS complaints_team ON complaints(team, sla_key, received_at DESC, id DESC);
DROP INDEX IF EXISTS complaints_created;
DROP INDEX IF EXISTS complaints_processing;
CREATE INDEX IF NOT EXISTS complaints_unfinished
  ON complaints(processing_state, next_attempt_at) WHERE ${UNFINISHED};
`;

/** The index a full-text search with no other filter walks, by sort (see `searchPlan`). */
const ORDER_INDEX: Partial<Record<NonNullable<ListQuery["sort"]>, string>> = {
  newest: "complaints_newest",
  sla: "complaints_sla",
};

type Row = Record<string, SQLInputValue>;

/**
 * The SLA order's key, stored with the row (`sla_key`) so the order can be an index's: open
 * complaints by due time (ISO instants sort before "~"), then open ones without one ("~1"), closed
 * ones last ("~2", then by due time, none first).
 */
export function slaSortKey(c: Pick<Complaint, "status" | "slaDueAt">): string {
  if (SLA_CLOSED_STATUSES.includes(c.status)) return `~2${c.slaDueAt ?? ""}`;
  return c.slaDueAt ?? "~1";
}

/** The priority order's key (`prio_key`): critical first, unknown priorities next, closed last. */
export function prioritySortKey(c: Pick<Complaint, "status" | "priority">): number {
  return SLA_CLOSED_STATUSES.includes(c.status) ? 9 : PRIORITY_RANK[c.priority] ?? 8;
}

/** The ORDER BY of a list sort (newest is the default, and every sort's tie-break). */
function listOrder(sort: ListQuery["sort"]): string {
  const newest = "c.received_at DESC, c.id DESC";
  if (sort === "sla") return `c.sla_key, ${newest}`;
  if (sort === "priority") return `c.prio_key, c.sla_key, ${newest}`;
  return newest;
}

function incidentRow(i: Incident): Row {
  return {
    id: i.id,
    status: i.status,
    category: i.category,
    last_at: new Date(i.lastAt).toISOString(),
    doc: JSON.stringify(i),
  };
}

export interface SqliteStoreOptions {
  /** Checkpoint the WAL on a worker thread instead of in the writing call (the product does). */
  backgroundCheckpoints?: boolean;
}

/** The embedded complaint store: SQLite through `node:sqlite`, FTS5 for full-text search. */
export class SqliteStore implements ComplaintStore {
  readonly name = "sqlite";
  #db: DatabaseSync | null = null;
  #statements = new Map<string, StatementSync>();
  #checkpointer: SqliteCheckpointer | null = null;
  #walSync: WalSync | null = null;
  // One process owns the database file, so its own queue is the lock.
  #locks = new KeyedMutex();

  constructor(private readonly path: string, private readonly options: SqliteStoreOptions = {}) {}

  async init(): Promise<void> {
    if (this.#db) return;
    if (this.path !== ":memory:") Deno.mkdirSync(dirname(this.path), { recursive: true });
    const db = new DatabaseSync(this.path);
    if (this.path !== ":memory:") ownerOnly(this.path);
    db.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;",
    );
    db.exec(SCHEMA);
    this.#db = db;
    const have = new Set(
      (db.prepare("PRAGMA table_info(complaints)").all() as { name: string }[]).map((c) => c.name),
    );
    for (const [name, type] of Object.entries(ADDED_COLUMNS)) {
      if (!have.has(name)) db.exec(`ALTER TABLE complaints ADD COLUMN ${name} ${type}`);
    }
    db.exec(VIEW_INDEXES);
    const version = Number(
      (db.prepare("PRAGMA user_version").get() as { user_version: number })
        .user_version,
    );
    if (version < SCHEMA_VERSION) this.#migrate(version);
    if (this.path !== ":memory:") this.#walSync = new WalSync(`${this.path}-wal`);
    if (this.options.backgroundCheckpoints && this.path !== ":memory:") {
      this.#checkpointer = await SqliteCheckpointer.start(db, this.path);
    }
  }

  /** WAL mode with `synchronous = NORMAL` leaves commits unsynced; this syncs them, off-thread. */
  flush(): Promise<void> {
    return this.#walSync?.flush() ?? Promise.resolve();
  }

  async close(): Promise<void> {
    await this.#walSync?.close();
    this.#walSync = null;
    await this.#checkpointer?.stop();
    this.#checkpointer = null;
    this.#statements.clear();
    this.#db?.close();
    this.#db = null;
  }

  /** Whether WAL checkpoints run on the background thread right now. */
  get checkpointsInBackground(): boolean {
    return this.#checkpointer?.running ?? false;
  }

  get db(): DatabaseSync {
    if (!this.#db) throw new Error("SqliteStore used before init()");
    return this.#db;
  }

  createComplaint(complaint: Complaint): Promise<{ complaint: Complaint; created: boolean }> {
    // One transaction for the row and its index rows: one WAL commit instead of several.
    const row = columns(complaint);
    const created = this.#transaction(() => {
      const result = this.#stmt(
        `INSERT OR IGNORE INTO complaints (id, message_id, customer_email, status, category, priority,
          assignee, content_hash, processing_state, next_attempt_at, received_at, created_at,
          updated_at, doc, team, sla_key, prio_key, incident_id) VALUES (:id, :message_id,
          :customer_email, :status, :category, :priority, :assignee, :content_hash,
          :processing_state, :next_attempt_at, :received_at, :created_at, :updated_at, :doc, :team,
          :sla_key, :prio_key, :incident_id)`,
      ).run(row);
      if (Number(result.changes) !== 1) return false;
      this.#count(null, row as unknown as CountedRow);
      this.#index(complaint, Number(result.lastInsertRowid));
      return true;
    });
    if (created) return Promise.resolve({ complaint, created: true });
    const existing = this.#byMessageId(complaint.messageId);
    if (!existing) throw new ConflictError(`complaint id ${complaint.id} already exists`);
    return Promise.resolve({ complaint: existing, created: false });
  }

  saveComplaint(complaint: Complaint): Promise<void> {
    this.#transaction(() => {
      const current = this.#get(complaint.id);
      if (!current) throw new NotFoundError(`unknown complaint ${complaint.id}`);
      this.#write(mergeSavedComplaint(current, complaint), current);
    });
    return Promise.resolve();
  }

  getComplaint(id: string): Promise<Complaint | null> {
    return Promise.resolve(this.#get(id));
  }

  findByMessageId(messageId: string): Promise<Complaint | null> {
    return Promise.resolve(this.#byMessageId(messageId));
  }

  updateComplaint(
    id: string,
    changes: ComplaintUpdate,
    history: HistoryEntry[],
  ): Promise<Complaint | null> {
    return Promise.resolve(this.#transaction(() => {
      const current = this.#get(id);
      if (!current) return null;
      const next = applyComplaintUpdate(current, changes, history);
      this.#write(next, current);
      return next;
    }));
  }

  listComplaints(query: ListQuery): Promise<ListResult<Complaint>> {
    const where: string[] = [];
    const params: Row = {};
    if (query.status) (where.push("c.status = :status"), params.status = query.status);
    if (query.category) (where.push("c.category = :category"), params.category = query.category);
    if (query.priority) (where.push("c.priority = :priority"), params.priority = query.priority);
    if (query.assignee) (where.push("c.assignee = :assignee"), params.assignee = query.assignee);
    if (query.unassigned) where.push("c.assignee IS NULL");
    if (query.team) (where.push("c.team = :team"), params.team = query.team);
    if (query.incidentId) {
      where.push("c.incident_id = :incident_id");
      params.incident_id = query.incidentId;
    }
    if (query.customer) {
      where.push("c.customer_email = :customer");
      params.customer = query.customer.toLowerCase();
    }
    if (query.processing) {
      where.push("c.processing_state = :processing");
      if (query.processing !== "done") where.push(`c.${UNFINISHED}`);
      params.processing = query.processing;
    }
    if (query.from) (where.push("c.received_at >= :from"), params.from = startOfRange(query.from));
    if (query.to) (where.push("c.received_at <= :to"), params.to = endOfRange(query.to));
    if (query.sla) {
      const due = "json_extract(c.doc, '$.slaDueAt')";
      const warn = "json_extract(c.doc, '$.slaWarnAt')";
      params.sla_now = slaInstant(query.slaNow);
      if (query.sla === "due_within_hour") {
        params.sla_hour = new Date(Date.parse(params.sla_now as string) + DUE_WITHIN_MS)
          .toISOString();
      }
      where.push(`c.status NOT IN (${SLA_CLOSED_STATUSES.map((s) => `'${s}'`).join(", ")})`);
      where.push(
        {
          overdue: `${due} <= :sla_now`,
          due_soon: `${due} > :sla_now AND ${warn} <= :sla_now`,
          due_within_hour: `${due} > :sla_now AND ${due} <= :sla_hour`,
          on_time: `(${due} IS NULL OR ${warn} > :sla_now)`,
        }[query.sla],
      );
    }
    if (query.notDuplicate) where.push("json_extract(c.doc, '$.notDuplicateOf') IS NOT NULL");
    if (query.autoReplied) where.push("json_extract(c.doc, '$.autoRepliedAt') IS NOT NULL");
    if (query.corrected) where.push("json_extract(c.doc, '$.triageCorrectedAt') IS NOT NULL");
    if (query.confidenceBelow !== undefined) {
      where.push("json_extract(c.doc, '$.confidence') < :confidence_below");
      params.confidence_below = query.confidenceBelow;
    }
    if (query.alertRetryBefore) {
      where.push("json_extract(c.doc, '$.alertRetryAt') <= :retry_before");
      params.retry_before = new Date(query.alertRetryBefore).toISOString();
    }
    if (query.outboundRetryBefore) {
      where.push("json_extract(c.doc, '$.outboundRetryAt') <= :outbound_before");
      params.outbound_before = new Date(query.outboundRetryBefore).toISOString();
    }
    if (query.modelRetryBefore) {
      where.push("json_extract(c.doc, '$.modelRetryAt') <= :model_before");
      params.model_before = new Date(query.modelRetryBefore).toISOString();
    }
    const match = query.q ? ftsQuery(query.q) : null;
    if (query.q && !match) return Promise.resolve({ items: [], total: 0, ...pageOf(query) });
    const page = { limit: query.limit, offset: (query.page - 1) * query.limit };
    const order = listOrder(query.sort);
    let rows: { doc: string }[];
    let total: number;
    if (match && where.length === 0) {
      // Search alone: FTS counts its matches without the rows (every complaint has one FTS row),
      // and a page is found by the cheaper of walking the order's index or sorting the matches.
      total = Number(
        (this.#stmt("SELECT COUNT(*) AS n FROM complaints_fts WHERE complaints_fts MATCH :match")
          .get({ match }) as { n: number }).n,
      );
      const index = ORDER_INDEX[query.sort ?? "newest"];
      const walk = index &&
        searchPlan(total, countAll(this.db), page.offset, page.limit) === "walk";
      rows = this.#stmt(
        walk
          ? `SELECT c.doc FROM complaints c INDEXED BY ${index} WHERE c.rowid IN
             (SELECT rowid FROM complaints_fts WHERE complaints_fts MATCH :match)
             ORDER BY ${order} LIMIT :limit OFFSET :offset`
          : `SELECT c.doc FROM complaints_fts f CROSS JOIN complaints c ON c.rowid = f.rowid
             WHERE complaints_fts MATCH :match ORDER BY ${order} LIMIT :limit OFFSET :offset`,
      ).all({ match, ...page }) as { doc: string }[];
    } else {
      let from = "complaints c";
      if (match) {
        from = "complaints c JOIN complaints_fts f ON f.rowid = c.rowid";
        where.push("complaints_fts MATCH :match");
        params.match = match;
      }
      const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
      // No filter at all: the maintained counts know the total (a COUNT(*) walks an index).
      total = where.length === 0 ? countAll(this.db) : Number(
        (this.#stmt(`SELECT COUNT(*) AS n FROM ${from} ${clause}`).get(params) as { n: number }).n,
      );
      // Past the last match there is no page to read (a walk in list order would find none the
      // slow way: every row of the order's index checked against the filter).
      rows = page.offset >= total ? [] : this.#stmt(
        `SELECT c.doc FROM ${from} ${clause} ORDER BY ${order} LIMIT :limit OFFSET :offset`,
      ).all({ ...params, ...page }) as { doc: string }[];
    }
    return Promise.resolve({
      items: rows.map((r) => JSON.parse(r.doc) as Complaint),
      total,
      ...pageOf(query),
    });
  }

  listRetryable(now: string, limit: number): Promise<Complaint[]> {
    const rows = this.#stmt(
      `SELECT doc FROM complaints WHERE processing_state IN ('pending', 'failed') AND ${UNFINISHED}
       AND (next_attempt_at IS NULL OR next_attempt_at <= :now) ORDER BY received_at LIMIT :limit`,
    ).all({ now, limit }) as { doc: string }[];
    return Promise.resolve(rows.map((r) => JSON.parse(r.doc) as Complaint));
  }

  /** From the counts kept with every write (`sqlite_counts.ts`), not a count of every complaint. */
  stats(): Promise<Stats> {
    return Promise.resolve(shapeStats(readCounts(this.db)));
  }

  findByRef(ref: string): Promise<Complaint | null> {
    if (!ref) return Promise.resolve(null);
    const row = this.#stmt(
      "SELECT doc FROM complaints WHERE json_extract(doc, '$.ref') = :ref LIMIT 1",
    ).get({ ref }) as { doc: string } | undefined;
    return Promise.resolve(row ? JSON.parse(row.doc) as Complaint : null);
  }

  findOriginalByHash(contentHash: string, since: string): Promise<Complaint | null> {
    const row = this.#stmt(
      `SELECT doc FROM complaints WHERE content_hash = :hash AND status != 'duplicate'
       AND received_at >= :since ORDER BY received_at, id LIMIT 1`,
    ).get({ hash: contentHash, since }) as { doc: string } | undefined;
    return Promise.resolve(row ? JSON.parse(row.doc) as Complaint : null);
  }

  duplicateCandidates(query: CandidateQuery): Promise<Complaint[]> {
    const orders = JSON.stringify(query.orderNumbers);
    const rows = this.#stmt(
      `SELECT doc FROM complaints c WHERE c.status != 'duplicate' AND c.received_at >= :since
       AND (c.customer_email = :email OR c.id IN (SELECT complaint_id FROM complaint_orders
         WHERE order_number IN (SELECT value FROM json_each(:orders))))
       ORDER BY c.received_at DESC, c.id DESC LIMIT :limit`,
    ).all({
      since: query.since,
      email: query.customerEmail.toLowerCase(),
      orders,
      limit: query.limit,
    }) as { doc: string }[];
    return Promise.resolve(rows.map((r) => JSON.parse(r.doc) as Complaint));
  }

  customerComplaints(query: CustomerQuery): Promise<Complaint[]> {
    const rows = this.#stmt(
      `SELECT doc FROM complaints c WHERE (:email != '' AND c.customer_email = :email)
       OR c.id IN (SELECT complaint_id FROM complaint_orders
         WHERE order_number IN (SELECT value FROM json_each(:orders)))
       OR (json_array_length(:phones) > 0 AND EXISTS (SELECT 1 FROM json_each(c.doc, '$.entities.phones') p
         WHERE p.value IN (SELECT value FROM json_each(:phones))))
       ORDER BY c.received_at DESC, c.id DESC LIMIT :limit`,
    ).all({
      email: query.email.toLowerCase(),
      orders: JSON.stringify(query.orderNumbers),
      phones: JSON.stringify(query.phones),
      limit: query.limit,
    }) as { doc: string }[];
    return Promise.resolve(rows.map((r) => JSON.parse(r.doc) as Complaint));
  }

  topCustomers(status: Status, limit: number): Promise<{ email: string; count: number }[]> {
    const rows = this.#stmt(
      `SELECT customer_email AS email, COUNT(*) AS n FROM complaints WHERE status = :status
       GROUP BY customer_email ORDER BY n DESC, email LIMIT :limit`,
    ).all({ status, limit }) as { email: string; n: number }[];
    return Promise.resolve(rows.map((r) => ({ email: r.email, count: Number(r.n) })));
  }

  countEmailsFrom(from: string, since: string): Promise<number> {
    const row = this.#stmt(
      `SELECT COUNT(*) AS n FROM processed_emails
       WHERE json_extract(doc, '$.from') = :from AND received_at >= :since`,
    ).get({ from, since }) as { n: number };
    return Promise.resolve(Number(row.n));
  }

  tryLease(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const result = this.#stmt(
      `INSERT INTO leases (key, owner, expires_at) VALUES (:key, :owner, :expires)
       ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.expires_at <= :now OR leases.owner = excluded.owner`,
    ).run({ key, owner, expires: now + ttlMs, now });
    return Promise.resolve(Number(result.changes) === 1);
  }

  releaseLease(key: string, owner: string): Promise<void> {
    this.#stmt("DELETE FROM leases WHERE key = :key AND owner = :owner").run({ key, owner });
    return Promise.resolve();
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.#locks.run(key, fn);
  }

  addUsage(day: string, model: string, usage: UsageCounts): Promise<void> {
    this.#stmt(
      `INSERT INTO usage (day, model, calls, input, output, cache_read, cache_write)
       VALUES (:day, :model, :calls, :input, :output, :cache_read, :cache_write)
       ON CONFLICT(day, model) DO UPDATE SET calls = calls + excluded.calls,
         input = input + excluded.input, output = output + excluded.output,
         cache_read = cache_read + excluded.cache_read,
         cache_write = cache_write + excluded.cache_write`,
    ).run({
      day,
      model,
      calls: usage.calls,
      input: usage.input,
      output: usage.output,
      cache_read: usage.cacheRead,
      cache_write: usage.cacheWrite,
    });
    return Promise.resolve();
  }

  listUsage(sinceDay: string): Promise<UsageDay[]> {
    const rows = this.#stmt(
      `SELECT day, model, calls, input, output, cache_read AS cacheRead,
         cache_write AS cacheWrite FROM usage WHERE day >= :since ORDER BY day DESC, model`,
    ).all({ since: sinceDay }) as unknown as UsageDay[];
    return Promise.resolve(rows.map((r) => ({ ...r })));
  }

  createIncident(incident: Incident): Promise<void> {
    this.#stmt(
      `INSERT INTO incidents (id, status, category, last_at, doc)
       VALUES (:id, :status, :category, :last_at, :doc)`,
    ).run(incidentRow(incident));
    return Promise.resolve();
  }

  getIncident(id: string): Promise<Incident | null> {
    const row = this.#stmt("SELECT doc FROM incidents WHERE id = :id").get({ id: String(id) }) as
      | { doc: string }
      | undefined;
    return Promise.resolve(row ? incidentFromStored(JSON.parse(row.doc)) : null);
  }

  saveIncident(incident: Incident): Promise<void> {
    this.#stmt(
      `UPDATE incidents SET status = :status, category = :category, last_at = :last_at,
         doc = :doc WHERE id = :id`,
    ).run(incidentRow(incident));
    return Promise.resolve();
  }

  listIncidents(query: IncidentQuery): Promise<Incident[]> {
    const where: string[] = [];
    const params: Row = { limit: query.limit };
    if (query.status) {
      where.push("status = :status");
      params.status = query.status;
    }
    if (query.category) {
      where.push("category = :category");
      params.category = query.category;
    }
    if (query.lastSince) {
      where.push("last_at >= :since");
      params.since = new Date(query.lastSince).toISOString();
    }
    const rows = this.#stmt(
      `SELECT doc FROM incidents ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY last_at DESC, id DESC LIMIT :limit`,
    ).all(params) as { doc: string }[];
    return Promise.resolve(rows.map((r) => incidentFromStored(JSON.parse(r.doc))));
  }

  createSavedReply(reply: SavedReply): Promise<void> {
    this.#stmt("INSERT INTO saved_replies (id, title, doc) VALUES (:id, :title, :doc)")
      .run({ id: reply.id, title: reply.title, doc: JSON.stringify(reply) });
    return Promise.resolve();
  }

  getSavedReply(id: string): Promise<SavedReply | null> {
    const row = this.#stmt("SELECT doc FROM saved_replies WHERE id = :id").get({
      id: String(id),
    }) as
      | { doc: string }
      | undefined;
    return Promise.resolve(row ? JSON.parse(row.doc) as SavedReply : null);
  }

  listSavedReplies(): Promise<SavedReply[]> {
    const rows = this.#stmt("SELECT doc FROM saved_replies ORDER BY title, id").all() as {
      doc: string;
    }[];
    return Promise.resolve(rows.map((r) => JSON.parse(r.doc) as SavedReply));
  }

  saveSavedReply(reply: SavedReply): Promise<boolean> {
    const result = this.#stmt("UPDATE saved_replies SET title = :title, doc = :doc WHERE id = :id")
      .run({ id: reply.id, title: reply.title, doc: JSON.stringify(reply) });
    return Promise.resolve(Number(result.changes) > 0);
  }

  deleteSavedReply(id: string): Promise<boolean> {
    const result = this.#stmt("DELETE FROM saved_replies WHERE id = :id").run({ id: String(id) });
    return Promise.resolve(Number(result.changes) > 0);
  }

  claimEmail(record: ProcessedEmail): Promise<{ record: ProcessedEmail; created: boolean }> {
    const result = this.#stmt(
      `INSERT OR IGNORE INTO processed_emails (key, outcome, received_at, updated_at, doc)
       VALUES (:key, :outcome, :received_at, :updated_at, :doc)`,
    ).run({
      key: record.key,
      outcome: record.outcome,
      received_at: record.receivedAt,
      updated_at: record.updatedAt,
      doc: JSON.stringify(record),
    });
    if (Number(result.changes) === 1) return Promise.resolve({ record, created: true });
    return Promise.resolve({ record: this.#processed(record.key)!, created: false });
  }

  updateProcessedEmail(key: string, changes: ProcessedEmailUpdate): Promise<void> {
    const current = this.#processed(key);
    if (!current) return Promise.resolve();
    const next = applyProcessedUpdate(current, changes);
    this.#stmt(
      `UPDATE processed_emails SET outcome = :outcome, updated_at = :updated_at, doc = :doc
       WHERE key = :key`,
    ).run({ key, outcome: next.outcome, updated_at: next.updatedAt, doc: JSON.stringify(next) });
    return Promise.resolve();
  }

  getProcessedEmail(key: string): Promise<ProcessedEmail | null> {
    return Promise.resolve(this.#processed(key));
  }

  listProcessedEmails(query: ProcessedEmailQuery): Promise<ListResult<ProcessedEmail>> {
    const clause = query.outcome ? "WHERE outcome = :outcome" : "";
    const params: Row = query.outcome ? { outcome: query.outcome } : {};
    const total = Number(
      (this.#stmt(`SELECT COUNT(*) AS n FROM processed_emails ${clause}`).get(params) as {
        n: number;
      }).n,
    );
    const rows = this.#stmt(
      `SELECT doc FROM processed_emails ${clause} ORDER BY received_at DESC, key
       LIMIT :limit OFFSET :offset`,
    ).all({ ...params, limit: query.limit, offset: (query.page - 1) * query.limit }) as {
      doc: string;
    }[];
    return Promise.resolve({
      items: rows.map((r) => JSON.parse(r.doc) as ProcessedEmail),
      total,
      page: query.page,
      limit: query.limit,
    });
  }

  listStuckEmails(olderThan: string, limit: number): Promise<ProcessedEmail[]> {
    const rows = this.#stmt(
      `SELECT doc FROM processed_emails WHERE outcome = 'received' AND updated_at < :olderThan
       ORDER BY received_at LIMIT :limit`,
    ).all({ olderThan, limit }) as { doc: string }[];
    return Promise.resolve(rows.map((r) => JSON.parse(r.doc) as ProcessedEmail));
  }

  createSession(session: Session): Promise<void> {
    this.#stmt(
      "INSERT OR REPLACE INTO sessions (id, expires_at, doc) VALUES (:id, :expires_at, :doc)",
    ).run({ id: session.id, expires_at: session.expiresAt, doc: JSON.stringify(session) });
    return Promise.resolve();
  }

  getSession(id: string): Promise<Session | null> {
    const row = this.#stmt("SELECT doc FROM sessions WHERE id = :id").get({ id }) as
      | { doc: string }
      | undefined;
    return Promise.resolve(row ? JSON.parse(row.doc) as Session : null);
  }

  deleteSession(id: string): Promise<void> {
    this.#stmt("DELETE FROM sessions WHERE id = :id").run({ id });
    return Promise.resolve();
  }

  createAgent(agent: Agent): Promise<Agent> {
    const stored = { ...agent, email: agent.email.toLowerCase() };
    try {
      this.#stmt("INSERT INTO agents (id, email, doc) VALUES (:id, :email, :doc)").run({
        id: stored.id,
        email: stored.email,
        doc: JSON.stringify(stored),
      });
    } catch (err) {
      if (!/UNIQUE constraint/i.test(String((err as Error)?.message))) throw err;
      return Promise.reject(new ConflictError(`an agent with email ${stored.email} exists`));
    }
    return Promise.resolve(stored);
  }

  getAgent(id: string): Promise<Agent | null> {
    const row = this.#stmt("SELECT doc FROM agents WHERE id = :id").get({ id }) as
      | { doc: string }
      | undefined;
    return Promise.resolve(row ? JSON.parse(row.doc) as Agent : null);
  }

  getAgentByEmail(email: string): Promise<Agent | null> {
    const row = this.#stmt("SELECT doc FROM agents WHERE email = :email").get({
      email: email.toLowerCase(),
    }) as { doc: string } | undefined;
    return Promise.resolve(row ? JSON.parse(row.doc) as Agent : null);
  }

  listAgents(): Promise<Agent[]> {
    const rows = this.#stmt("SELECT doc FROM agents ORDER BY email").all() as { doc: string }[];
    return Promise.resolve(rows.map((r) => JSON.parse(r.doc) as Agent));
  }

  updateAgent(id: string, changes: AgentUpdate): Promise<Agent | null> {
    return Promise.resolve(this.#transaction(() => {
      const row = this.#stmt("SELECT doc FROM agents WHERE id = :id").get({ id }) as
        | { doc: string }
        | undefined;
      if (!row) return null;
      const updated = applyAgentUpdate(JSON.parse(row.doc) as Agent, changes);
      this.#stmt("UPDATE agents SET doc = :doc WHERE id = :id").run({
        id,
        doc: JSON.stringify(updated),
      });
      return updated;
    }));
  }

  #get(id: string): Complaint | null {
    const row = this.#stmt("SELECT doc FROM complaints WHERE id = :id").get({ id }) as
      | { doc: string }
      | undefined;
    return row ? JSON.parse(row.doc) as Complaint : null;
  }

  #byMessageId(messageId: string): Complaint | null {
    const row = this.#stmt("SELECT doc FROM complaints WHERE message_id = :m").get({
      m: messageId,
    }) as { doc: string } | undefined;
    return row ? JSON.parse(row.doc) as Complaint : null;
  }

  #processed(key: string): ProcessedEmail | null {
    const row = this.#stmt("SELECT doc FROM processed_emails WHERE key = :key").get({ key }) as
      | { doc: string }
      | undefined;
    return row ? JSON.parse(row.doc) as ProcessedEmail : null;
  }

  #write(complaint: Complaint, previous: Complaint): void {
    const next = columns(complaint);
    const stored = this.#stmt(`SELECT ${CHANGEABLE.join(", ")} FROM complaints WHERE id = :id`)
      .get({ id: complaint.id }) as Row;
    // Only the columns that change: SQLite rewrites an entry in every index on a column it sets,
    // and most updates (an assignee, an alert) touch none of the indexed ones.
    const changed = CHANGEABLE.filter((k) => k === "doc" || next[k] !== stored[k]);
    this.#stmt(
      `UPDATE complaints SET ${changed.map((k) => `${k} = :${k}`).join(", ")} WHERE id = :id`,
    ).run(Object.fromEntries([["id", complaint.id], ...changed.map((k) => [k, next[k]])]));
    this.#count(stored as unknown as CountedRow, next as unknown as CountedRow);
    // Most updates (status, assignee, alerts) leave the searchable text alone; re-indexing it
    // would tokenize the whole body twice for nothing.
    if (indexKey(complaint) !== indexKey(previous)) this.#index(complaint);
  }

  /** Keep the counts (`sqlite_counts.ts`) in step with a complaint row's write. */
  #count(before: CountedRow | null, after: CountedRow | null): void {
    for (const change of countChanges(before, after)) this.#stmt(ADD_COUNT).run({ ...change });
  }

  /** Run `work` in one write transaction (nested calls join the outer one). */
  #transaction<T>(work: () => T): T {
    const db = this.db;
    if (db.isTransaction) return work();
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      db.exec("COMMIT");
      return result;
    } catch (err) {
      db.exec("ROLLBACK");
      throw err;
    }
  }

  /** Keep the full-text row (keyed by the complaint's rowid) and the order-number rows current. */
  #index(complaint: Complaint, rowid?: number): void {
    const id = rowid ?? Number(
      (this.#stmt("SELECT rowid FROM complaints WHERE id = :id").get({ id: complaint.id }) as {
        rowid: number;
      }).rowid,
    );
    if (rowid === undefined) {
      this.#stmt("DELETE FROM complaints_fts WHERE rowid = :rowid").run({ rowid: id });
      this.#stmt("DELETE FROM complaint_orders WHERE complaint_id = :id").run({ id: complaint.id });
    }
    this.#stmt(
      `INSERT INTO complaints_fts (rowid, id, subject, body, customer)
       VALUES (:rowid, :id, :subject, :body, :customer)`,
    ).run({ rowid: id, id: complaint.id, ...searchColumns(complaint) });
    for (const order of new Set(complaint.entities.orderNumbers)) {
      this.#stmt(
        "INSERT OR IGNORE INTO complaint_orders (order_number, complaint_id) VALUES (:o, :id)",
      ).run({ o: order, id: complaint.id });
    }
  }

  /** Bring derived data of a database at `version` up to date from the documents. */
  #migrate(version: number): void {
    this.#transaction(() => {
      if (version < 2) this.db.exec("DELETE FROM complaints_fts; DELETE FROM complaint_orders;");
      const update = this.db.prepare(
        "UPDATE complaints SET team = :team, sla_key = :sla_key, prio_key = :prio_key WHERE rowid = :rowid",
      );
      for (const r of this.db.prepare("SELECT rowid, doc FROM complaints").iterate()) {
        const rowid = Number(r.rowid);
        const complaint = JSON.parse(String(r.doc)) as Complaint;
        if (version < 2) this.#index(complaint, rowid);
        if (version < 3) update.run({ rowid, ...viewColumns(complaint) });
      }
      if (version < 4) {
        this.db.exec("UPDATE complaints SET incident_id = json_extract(doc, '$.incidentId')");
      }
      if (version < 3) rebuildCounts(this.db);
      this.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
  }

  #stmt(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, statement = this.db.prepare(sql));
    return statement;
  }
}

function columns(c: Complaint): Row {
  return {
    id: c.id,
    message_id: c.messageId,
    customer_email: c.customer.email.toLowerCase(),
    status: c.status,
    category: c.category,
    priority: c.priority,
    assignee: c.assignee,
    content_hash: c.contentHash,
    processing_state: c.processing.state,
    next_attempt_at: c.processing.nextAttemptAt ?? null,
    received_at: c.receivedAt,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    doc: JSON.stringify(c),
    incident_id: c.incidentId ?? null,
    ...viewColumns(c),
  };
}

/** The columns an update may change (all but the keys and the creation time). */
const CHANGEABLE = [
  "customer_email",
  "status",
  "category",
  "priority",
  "assignee",
  "content_hash",
  "processing_state",
  "next_attempt_at",
  "received_at",
  "updated_at",
  "doc",
  "team",
  "sla_key",
  "prio_key",
  "incident_id",
];

/** The columns the agents' views filter and sort on, beside the document they come from. */
function viewColumns(c: Complaint): Row {
  return { team: c.team ?? "", sla_key: slaSortKey(c), prio_key: prioritySortKey(c) };
}

/** Everything the full-text and order-number rows are built from. */
function indexKey(c: Complaint): string {
  const { subject, body, customer } = searchColumns(c);
  return [subject, customer, body].join("\u0000");
}

function pageOf(query: ListQuery): { page: number; limit: number } {
  return { page: query.page, limit: query.limit };
}

/**
 * The database holds customers' mail: readable by the product's user only, like secrets.json.
 * Set right after open, before WAL mode creates `-wal`/`-shm` (SQLite gives them the database's
 * mode); existing ones from an older start are tightened too. Windows has no such modes.
 */
function ownerOnly(path: string): void {
  if (Deno.build.os === "windows") return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      Deno.chmodSync(file, 0o600);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }
}
