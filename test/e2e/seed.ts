import { type Complaint, complaintSchema } from "../../lib/schema/complaint.ts";
import type { AppContext } from "../../lib/context.ts";

let n = 0;

/** Store a complete complaint with the given fields (defaults filled by the schema). */
export async function seedComplaint(
  ctx: AppContext,
  fields: Partial<Complaint> & { subject: string },
): Promise<Complaint> {
  n++;
  const now = fields.receivedAt ?? new Date(Date.UTC(2026, 2, 1, 9, n)).toISOString();
  const complaint = complaintSchema.parse({
    id: `c${n.toString().padStart(4, "0")}${crypto.randomUUID().slice(0, 8)}`,
    messageId: `<seed-${n}-${crypto.randomUUID()}@example.com>`,
    customer: { email: `customer${n}@example.com`, name: "" },
    contentHash: `hash-${n}`,
    rawKey: `raw/${n}`,
    ingestKey: `seed-${n}`,
    receivedAt: now,
    createdAt: now,
    updatedAt: now,
    ...fields,
  });
  const { complaint: stored } = await ctx.store.createComplaint(complaint);
  return stored;
}
