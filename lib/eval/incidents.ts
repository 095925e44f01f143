import { parseConfig } from "../config.ts";
import { createContext } from "../context.ts";
import { createLogger } from "../log.ts";
import { resolveSecrets } from "../secrets.ts";
import { type BurstEmail, incidentBurst, scoreIncidents } from "./incident_burst.ts";

/** The incident evaluation's result: the grouping score and what was formed. */
export interface IncidentEval {
  emails: number;
  groups: number;
  incidents: { title: string; customers: number; complaints: number }[];
  score: ReturnType<typeof scoreIncidents>;
}

/**
 * Post the generated burst through the real pipeline (embedded defaults, local analyzer, a temp
 * folder) and score the incidents it formed against the burst's truth.
 */
export async function runIncidentEval(
  emails: BurstEmail[] = incidentBurst(),
  env: Record<string, string> = {},
): Promise<IncidentEval> {
  const dir = await Deno.makeTempDir({ prefix: "inbox-triage-incidents-" });
  const config = await resolveSecrets(
    parseConfig({ DATA_DIR: dir, LOG_LEVEL: "error", ...env }),
    () => {},
  );
  const ctx = await createContext(config, { log: createLogger("error", () => {}) });
  try {
    const byId = new Map<string, string>();
    for (const e of emails) {
      const result = await ctx.pipeline.ingest(new TextEncoder().encode(e.raw));
      if (result.kind === "created") byId.set(result.complaint.id, e.messageId);
    }
    await ctx.pipeline.drain();
    const predicted = new Map<string, string | null>();
    for (const [id, messageId] of byId) {
      predicted.set(messageId, (await ctx.store.getComplaint(id))?.incidentId ?? null);
    }
    const incidents = await ctx.store.listIncidents({ limit: 100 });
    return {
      emails: emails.length,
      groups: new Set(emails.map((e) => e.group).filter(Boolean)).size,
      incidents: incidents.map((i) => ({
        title: i.title,
        customers: i.customerCount,
        complaints: i.memberCount,
      })),
      score: scoreIncidents(emails, predicted),
    };
  } finally {
    await ctx.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** A short printable report. */
export function formatIncidentEval(r: IncidentEval): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  const s = r.score;
  return [
    `incidents (generated burst: ${r.emails} emails, ${r.groups} real incidents, en/ru/kk)`,
    `  grouping: precision ${pct(s.precision)}, recall ${
      pct(s.recall)
    } (pairs: tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
    ...r.incidents.map((i) =>
      `  · ${i.title} — ${i.customers} customers, ${i.complaints} complaints`
    ),
  ].join("\n");
}

if (import.meta.main) console.log(formatIncidentEval(await runIncidentEval()));
