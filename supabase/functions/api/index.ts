// Supabase Edge Function "api": the product's api app as it is, no copy (see README, "Supabase").
import { serveEdgeFunction } from "../../../lib/edge_function.ts";
import { createApiApp } from "../../../functions/api/index.ts";

await serveEdgeFunction("api", createApiApp);
