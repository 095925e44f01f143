// Supabase Edge Function "telegram": the product's telegram app as it is, no copy (see README, "Supabase").
import { serveEdgeFunction } from "../../../lib/edge_function.ts";
import { createTelegramApp } from "../../../functions/telegram/index.ts";

await serveEdgeFunction("telegram", createTelegramApp);
