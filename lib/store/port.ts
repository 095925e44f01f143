import type {
  Complaint,
  HistoryEntry,
  ListQuery,
  ListResult,
  ProcessedEmail,
  Stats,
  Status,
} from "../schema/complaint.ts";
import type { ComplaintUpdate, ProcessedEmailUpdate } from "./write_rules.ts";
import type { Agent } from "../schema/agent.ts";
import type { Incident, IncidentStatus } from "../schema/incident.ts";
import type { SavedReply } from "../schema/saved_reply.ts";
import type { AgentUpdate } from "./agent_rules.ts";

// What an update may change is a store rule (`write_rules.ts`); the port names it.
export type { ComplaintUpdate, ProcessedEmailUpdate };
export type { AgentUpdate };

/** An agent's login session. */
export interface Session {
  id: string;
  email: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
  /** The agent logged in (sessions from before agents existed have none and are refused). */
  agentId?: string;
  /** The agent's `sessionEpoch` at login; an agent whose epoch moved on revoked this session. */
  epoch?: number;
}

export interface ProcessedEmailQuery {
  outcome?: ProcessedEmail["outcome"];
  page: number;
  limit: number;
}

/** A customer's complaints: from this address, or naming these order numbers or phones. */
export interface CustomerQuery {
  /** Complaints from this address (compared lowercased); "" asks for none by address. */
  email: string;
  orderNumbers: string[];
  /** Phones as the analysis extracts them ("+" and digits). */
  phones: string[];
  limit: number;
}

export interface CandidateQuery {
  customerEmail: string;
  orderNumbers: string[];
  since: string;
  limit: number;
}

/**
 * The complaint store port. Adapters (embedded SQLite, MongoDB) satisfy the same contract suite
 * in `test/contracts/store_contract.ts`; product code never asks which one it has.
 */
export interface ComplaintStore {
  readonly name: string;
  /** Create tables/collections and indexes; idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;
  /**
   * Resolves once every write acknowledged so far is on disk (called before ingest answers).
   * SQLite syncs its WAL; MongoDB's acknowledged writes already follow its write concern.
   */
  flush(): Promise<void>;

  /**
   * Insert a complaint unless one with the same messageId exists; returns the stored one and
   * whether this call created it. Safe under concurrency (unique index).
   */
  createComplaint(complaint: Complaint): Promise<{ complaint: Complaint; created: boolean }>;
  /**
   * Replace a complaint's processed fields (e.g. after a retry) keeping id, messageId, createdAt
   * and the history, to which only entries it lacks are added (`mergeSavedComplaint`).
   */
  saveComplaint(complaint: Complaint): Promise<void>;
  getComplaint(id: string): Promise<Complaint | null>;
  findByMessageId(messageId: string): Promise<Complaint | null>;
  /**
   * Apply changes and append history entries atomically; null when the id is unknown. Only
   * changeable complaint fields are applied (`applyComplaintUpdate`); other keys are ignored.
   */
  updateComplaint(
    id: string,
    changes: ComplaintUpdate,
    history: HistoryEntry[],
  ): Promise<Complaint | null>;
  listComplaints(query: ListQuery): Promise<ListResult<Complaint>>;
  /** Complaints whose processing is pending or failed and due for another attempt. */
  listRetryable(now: string, limit: number): Promise<Complaint[]>;
  stats(): Promise<Stats>;
  /** The complaint whose `ref` this is. */
  findByRef(ref: string): Promise<Complaint | null>;
  /** The oldest original (not itself a duplicate) with this content hash received since `since`. */
  findOriginalByHash(contentHash: string, since: string): Promise<Complaint | null>;
  /**
   * Originals (not duplicates) received since `since` from this customer, or naming any of these
   * order numbers; newest first.
   */
  duplicateCandidates(query: CandidateQuery): Promise<Complaint[]>;
  /**
   * Complaints of any status from this address, or naming any of these order numbers or phones;
   * newest first, at most `limit` (the customer's story reads it).
   */
  customerComplaints(query: CustomerQuery): Promise<Complaint[]>;
  /** Customers with the most complaints in `status`, most first. */
  topCustomers(status: Status, limit: number): Promise<{ email: string; count: number }[]>;

  /**
   * Claim a message for processing: inserts the record unless its key exists. Returns the
   * stored record and whether this call inserted it.
   */
  claimEmail(record: ProcessedEmail): Promise<{ record: ProcessedEmail; created: boolean }>;
  /** Apply changes to the record `key` (changeable fields only); nothing if there is none. */
  updateProcessedEmail(key: string, changes: ProcessedEmailUpdate): Promise<void>;
  getProcessedEmail(key: string): Promise<ProcessedEmail | null>;
  listProcessedEmails(query: ProcessedEmailQuery): Promise<ListResult<ProcessedEmail>>;
  /** Claimed emails still in `received` state since before `olderThan` (a crash mid-way). */
  listStuckEmails(olderThan: string, limit: number): Promise<ProcessedEmail[]>;
  /** How many processed emails came from this sender address since `since`. */
  countEmailsFrom(from: string, since: string): Promise<number>;

  /**
   * Take the lease `key` for `ttlMs` unless another owner holds it unexpired (the same owner
   * renews it). True when taken. Jobs on several instances take one per item, so two drivers
   * never work the same complaint; a crashed holder's lease simply expires.
   */
  tryLease(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Give the lease back early (only its owner can). */
  releaseLease(key: string, owner: string): Promise<void>;
  /**
   * Run `fn` while no other caller, in this process or another sharing the store, runs under
   * `key`. Read-check-write sequences the pipeline spreads over several calls use it (one
   * customer's duplicate check and save). The embedded store belongs to one process.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;

  createSession(session: Session): Promise<void>;
  /**
   * The session as stored, expired or not: whether it is still live is decided once, by
   * `lib/auth/session.ts` with the context's clock, not by each adapter's own.
   */
  getSession(id: string): Promise<Session | null>;
  deleteSession(id: string): Promise<void>;

  /** Insert an agent; `ConflictError` when its email (stored lowercased) is taken. */
  createAgent(agent: Agent): Promise<Agent>;
  getAgent(id: string): Promise<Agent | null>;
  /** The agent whose login is this email (compared lowercased). */
  getAgentByEmail(email: string): Promise<Agent | null>;
  /** Every agent, active or not, by email. */
  listAgents(): Promise<Agent[]>;
  /** Apply changes (changeable fields only, `agent_rules.ts`); null when the id is unknown. */
  updateAgent(id: string, changes: AgentUpdate): Promise<Agent | null>;

  /** Add one analysis's usage to its day's and model's totals (atomic; instances add up). */
  addUsage(day: string, model: string, usage: UsageCounts): Promise<void>;
  /** The totals of every day from `sinceDay` (YYYY-MM-DD) on, newest day first, then by model. */
  listUsage(sinceDay: string): Promise<UsageDay[]>;

  /** Insert an incident (its id is new). */
  createIncident(incident: Incident): Promise<void>;
  getIncident(id: string): Promise<Incident | null>;
  /** Replace a stored incident whole (callers hold the incidents lock). */
  saveIncident(incident: Incident): Promise<void>;
  /** Incidents newest (by last member) first, optionally of one status or category only. */
  listIncidents(query: IncidentQuery): Promise<Incident[]>;

  /** Insert a saved reply (its id is new). */
  createSavedReply(reply: SavedReply): Promise<void>;
  getSavedReply(id: string): Promise<SavedReply | null>;
  /** Every saved reply, by title. */
  listSavedReplies(): Promise<SavedReply[]>;
  /** Replace a stored saved reply whole; false when the id is unknown. */
  saveSavedReply(reply: SavedReply): Promise<boolean>;
  /** False when the id is unknown. */
  deleteSavedReply(id: string): Promise<boolean>;
}

/** Which incidents to list. */
export interface IncidentQuery {
  status?: IncidentStatus;
  category?: string;
  /** Only those whose last member arrived at or after this instant. */
  lastSince?: string;
  limit: number;
}

/** Counters of analyser usage (Claude's tokens and requests). */
export interface UsageCounts {
  calls: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** One day's usage of one model. */
export interface UsageDay extends UsageCounts {
  day: string;
  model: string;
}
