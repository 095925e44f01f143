import type { IngestResult } from "./pipeline.ts";
import type { Complaint } from "../schema/complaint.ts";

export interface IngestAnswer {
  status: 200 | 201 | 202;
  body: Record<string, unknown>;
}

/** HTTP status and JSON body for an ingest result. */
export function ingestResponse(result: IngestResult): IngestAnswer {
  switch (result.kind) {
    case "created":
      return { status: 201, body: summary(result.complaint) };
    case "threaded":
      return { status: 200, body: { id: result.complaint.id, threaded: true } };
    case "ignored":
      return { status: 200, body: { ignored: result.reason } };
    case "accepted":
      // The id is the complaint this message will become; a reply or an ignored message never
      // becomes one, so the processed-email record (by key) tells what happened.
      return {
        status: 202,
        body: {
          id: result.id,
          status: "processing",
          processed: `/functions/v1/api/processed-emails/${encodeURIComponent(result.key)}`,
        },
      };
    case "existing":
      return {
        status: 200,
        body: result.complaint
          ? { ...summary(result.complaint), existing: true }
          : { id: result.id, status: "processing", existing: true },
      };
  }
}

function summary(c: Complaint) {
  return {
    id: c.id,
    status: c.status,
    category: c.category,
    priority: c.priority,
    processing: c.processing.state,
    ...(c.duplicateOf ? { duplicateOf: c.duplicateOf } : {}),
  };
}
