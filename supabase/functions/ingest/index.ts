// Supabase Edge Function "ingest": the product's ingest app as it is, no copy (see README, "Supabase").
import { serveEdgeFunction } from "../../../lib/edge_function.ts";
import { createIngestApp } from "../../../functions/ingest/index.ts";

await serveEdgeFunction("ingest", createIngestApp);
