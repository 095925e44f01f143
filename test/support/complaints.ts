import type { Complaint, ProcessedEmail } from "../../lib/schema/complaint.ts";
import { newId } from "../../lib/crypto.ts";

let seq = 0;

/** A valid complaint with unique id and messageId; override any field. */
export function makeComplaint(overrides: Partial<Complaint> = {}): Complaint {
  seq++;
  const at = overrides.receivedAt ?? new Date(Date.UTC(2026, 8, 1, 12, 0, seq % 60)).toISOString();
  const id = newId();
  return {
    id,
    messageId: `msg-${id}@example.test`,
    customer: { email: `customer${seq}@example.test`, name: `Customer ${seq}` },
    subject: `Subject ${seq}`,
    description: `Body text ${seq}`,
    bodyHtml: "",
    language: "en",
    category: "other",
    subcategory: "",
    priority: "medium",
    sentiment: "neutral",
    confidence: 0.5,
    status: "new",
    assignee: null,
    team: "customer_service",
    escalationLevel: 1,
    tags: [],
    parseWarnings: [],
    entities: { orderNumbers: [], amounts: [], dates: [], products: [], phones: [] },
    attachments: [],
    processing: { state: "done", attempts: 1 },
    source: "email",
    contentHash: `hash-${id}`,
    rawKey: `raw/${id}.eml`,
    ingestKey: `mid:msg-${id}@example.test`,
    ref: id.slice(-6).toUpperCase(),
    duplicateOf: null,
    relatedComplaints: [],
    messages: [],
    history: [{ at, actor: "system", action: "created", details: {} }],
    receivedAt: at,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A processed-email claim record; override any field. */
export function makeClaim(overrides: Partial<ProcessedEmail> = {}): ProcessedEmail {
  seq++;
  const at = new Date(Date.UTC(2026, 8, 1, 12, 0, seq % 60)).toISOString();
  return {
    key: `mid:claim-${seq}-${newId()}`,
    sha256: "0".repeat(64),
    rawKey: `raw/${seq}.eml`,
    size: 100,
    from: "a@example.test",
    subject: "s",
    complaintId: newId(),
    outcome: "received",
    receivedAt: at,
    updatedAt: at,
    ...overrides,
  };
}
