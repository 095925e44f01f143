import { z } from "zod";
import {
  CATEGORIES,
  type Category,
  CATEGORY_INFO,
  PRIORITIES,
  type Priority,
} from "./schema/complaint.ts";
import { parseCalendar } from "./escalation/calendar.ts";

const optionalString = z.string().trim().min(1).optional();
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
// z.coerce.boolean() would read "false" as true; only these spellings are accepted.
const bool = (def: boolean) =>
  z.enum(["true", "false", "1", "0"]).default(def ? "true" : "false").transform((v) =>
    v === "true" || v === "1"
  );

/**
 * A "key:value, key:value" list read into a map; `problem` says what is wrong with an entry, if
 * anything. A bad or repeated entry is an issue naming it, so start-up stops at it instead of
 * running with half a setting (a typo silently skipped sends complaints to the default team, or
 * leaves an agent's button presses refused). Blank items (a trailing comma) are skipped.
 */
function pairList(expected: string, problem: (key: string, value: string) => string | undefined) {
  return z.string().default("").transform((text, ctx) => {
    const out = new Map<string, string>();
    for (const item of text.split(",").map((s) => s.trim()).filter(Boolean)) {
      const at = item.indexOf(":");
      const key = at < 0 ? "" : item.slice(0, at).trim();
      const value = at < 0 ? "" : item.slice(at + 1).trim();
      const wrong = !key || !value
        ? `expected ${expected}`
        : problem(key, value) ?? (out.has(key) ? `"${key}" is given twice` : undefined);
      if (wrong) ctx.addIssue({ code: "custom", message: `bad entry "${item}": ${wrong}` });
      else out.set(key, value);
    }
    return out;
  });
}

// Team names are shown in alerts and filters: a word or a few, no markup.
const TEAM_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,59}$/u;

/**
 * ESCALATION_TEAMS ("category:team,…"): the team owning each category, the variable's entries
 * over each category's own team (CATEGORY_INFO, the one place defaults are written), so every
 * category has exactly one.
 */
const escalationTeams = pairList(
  "category:team",
  (category, team) =>
    !(CATEGORIES as readonly string[]).includes(category)
      ? `unknown category "${category}" (one of ${CATEGORIES.join(", ")})`
      : !TEAM_NAME.test(team)
      ? `team "${team}" must be letters, digits, spaces, "_", "." or "-" (at most 60)`
      : undefined,
).transform((overrides) =>
  Object.fromEntries(
    CATEGORIES.map((c) => [c, overrides.get(c) ?? CATEGORY_INFO[c].team]),
  ) as Readonly<Record<Category, string>>
);

/** TELEGRAM_AGENTS ("telegramUserId:agentEmail,…"): who may press an alert's buttons, as whom. */
const telegramAgents = pairList(
  "telegramUserId:agentEmail",
  (id, email) =>
    !/^\d{1,15}$/.test(id)
      ? `"${id}" is not a Telegram user id (digits)`
      : !z.email().safeParse(email).success
      ? `"${email}" is not an email address`
      : undefined,
).transform((agents): ReadonlyMap<string, string> => agents);

/**
 * Estimated Claude prices, dollars per million input/output tokens, by model id prefix: the one
 * place they are written. Estimates for the dashboard's cost line; CLAUDE_PRICES overrides.
 */
export const DEFAULT_CLAUDE_PRICES: Readonly<Record<string, { input: number; output: number }>> = {
  "claude-haiku-5-5": { input: 1, output: 5 },
  "claude-haiku-4-5": { input: 1, output: 5 },
  "claude-sonnet-4-5": { input: 3, output: 15 },
  "claude-opus-4-5": { input: 5, output: 25 },
};

/** CLAUDE_PRICES ("model:input/output,…", $ per million tokens) over the defaults above. */
const claudePrices = pairList(
  "model:input/output",
  (_model, price) =>
    /^\d+(\.\d+)?\/\d+(\.\d+)?$/.test(price)
      ? undefined
      : `"${price}" is not input/output dollars per million tokens, e.g. 3/15`,
).transform((entries): ReadonlyMap<string, { input: number; output: number }> => {
  const prices = new Map(Object.entries(DEFAULT_CLAUDE_PRICES));
  for (const [model, price] of entries) {
    const [input, output] = price.split("/").map(Number);
    prices.set(model, { input, output });
  }
  return prices;
});

/** SLA_FIRST_RESPONSE_HOURS ("priority:hours,…"): the first-answer target per priority. */
const firstResponseHours = pairList("priority:hours", (key, value) => {
  if (!(PRIORITIES as readonly string[]).includes(key)) return `"${key}" is no priority`;
  const hours = Number(value);
  return Number.isFinite(hours) && hours > 0 ? undefined : `"${value}" is not a number of hours`;
}).transform((map) => {
  const out: Partial<Record<Priority, number>> = {};
  for (const [k, v] of map) out[k as Priority] = Number(v);
  return out;
});

/** AUTO_REPLY_RULES ("category:min confidence,…"): where drafts go out without an agent. */
const autoReplyRules = pairList("category:confidence", (key, value) => {
  if (!(CATEGORIES as readonly string[]).includes(key)) return `"${key}" is no category`;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? undefined : `"${value}" is not between 0 and 1`;
}).transform((map) => {
  const out: Partial<Record<Category, number>> = {};
  for (const [k, v] of map) out[k as Category] = Number(v);
  return out;
});

/** One part of the business calendar, checked by parsing it alone (the policy parses all three). */
function calendarCheck(part: "hours" | "zone" | "holidays") {
  return (value: string, ctx: z.RefinementCtx) => {
    try {
      if (part === "hours") parseCalendar(value, "UTC", "");
      if (part === "zone") parseCalendar("", value, "");
      if (part === "holidays") parseCalendar("", "UTC", value);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  };
}

/** Every environment variable the product reads, with its default. The only env reader. */
export const configSchema = z.object({
  PORT: int(8000, 0).refine((p) => p <= 65535, "must be a port number (0-65535)"),
  HOSTNAME: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default(".data"),
  PUBLIC_URL: z.url().optional(),
  INGEST_TOKEN: optionalString,
  API_TOKEN: optionalString,
  // Bearer token for GET /metrics (a scraper's own secret); unset, API_TOKEN is asked.
  METRICS_TOKEN: optionalString,
  ADMIN_EMAIL: z.email().default("admin@example.com"),
  ADMIN_PASSWORD: optionalString,
  INGEST_MAX_BYTES: int(25 * 1024 * 1024, 1),
  // Raw emails held in memory by ingest at once (bodies being received or processed, queued
  // async work); over it new posts get 503 + Retry-After.
  INGEST_MAX_INFLIGHT_BYTES: int(128 * 1024 * 1024, 1),
  // Requests per minute per caller (API token, agent session or client address); 0 = no limit.
  RATE_LIMIT_API_PER_MINUTE: int(600, 0),
  // Per ingest token or client address. High: one sender (the poller, the bench) posts in bursts.
  RATE_LIMIT_INGEST_PER_MINUTE: int(6000, 0),
  // Behind a reverse proxy: the client address is the last X-Forwarded-For entry, not the peer.
  TRUST_PROXY: bool(false),
  MONGODB_URI: optionalString,
  MONGODB_DB: z.string().min(1).default("inbox_triage"),
  S3_ENDPOINT: z.url().optional(),
  // S3_ENDPOINT as browsers reach it, when the app reaches it by another name (compose).
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  S3_BUCKET: optionalString,
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_PRESIGN_SECONDS: int(300, 1).refine((s) => s <= 604_800, "at most 7 days (S3's limit)"),
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  UPSTASH_REDIS_REST_URL: z.url().optional(),
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  CACHE_TTL_SECONDS: int(3600, 1),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: z.url().optional(),
  CLAUDE_MODEL: z.string().min(1).default("claude-haiku-5-5"),
  CLAUDE_ATTACHMENTS: z.enum(["text", "native"]).default("text"),
  CLAUDE_TIMEOUT_MS: int(30_000, 1),
  CLAUDE_MAX_RETRIES: int(2, 0),
  CLAUDE_MAX_RETRY_WAIT_MS: int(10_000, 0),
  // Claude requests in flight at once, apart from the CPU-bound stages' PROCESS_CONCURRENCY.
  CLAUDE_CONCURRENCY: int(16, 1),
  // Longest a new complaint waits for Claude (its queue included) before it is saved and alerted
  // on the local analysis; Claude's answer, when it comes, is applied later. 0 = wait it out.
  CLAUDE_MAX_WAIT_MS: int(8_000, 0),
  // Re-read locally triaged complaints through the Message Batches API (half price, slower).
  CLAUDE_BATCH: bool(false),
  CLAUDE_PRICES: claudePrices,
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_CHAT_ID: optionalString,
  TELEGRAM_API_ROOT: z.url().optional(),
  TELEGRAM_MIN_PRIORITY: z.enum(["low", "medium", "high", "critical"]).default("medium"),
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_AGENTS: telegramAgents,
  TELEGRAM_RETRY_MAX_SECONDS: int(5, 0),
  SLA_CRITICAL_HOURS: z.coerce.number().positive().default(1),
  SLA_HIGH_HOURS: z.coerce.number().positive().default(4),
  SLA_MEDIUM_HOURS: z.coerce.number().positive().default(24),
  SLA_LOW_HOURS: z.coerce.number().positive().default(72),
  // First answer targets per priority ("critical:0.5,high:1"); unset: resolution targets only.
  SLA_FIRST_RESPONSE_HOURS: firstResponseHours,
  // When SLA clocks run ("Mon-Fri 09:00-18:00; Sat 10:00-14:00"); unset: around the clock.
  SLA_BUSINESS_HOURS: z.string().trim().default("").superRefine(calendarCheck("hours")),
  SLA_TIMEZONE: z.string().trim().default("UTC").superRefine(calendarCheck("zone")),
  // Days off ("2026-12-16,2026-12-17"), in SLA_TIMEZONE.
  SLA_HOLIDAYS: z.string().trim().default("").superRefine(calendarCheck("holidays")),
  ESCALATION_TEAMS: escalationTeams,
  ESCALATION_INTERVAL_SECONDS: int(60, 1),
  RETRY_INTERVAL_SECONDS: int(60, 1),
  // Who runs retries and escalation: in-process timers, Deno.cron, or an outside scheduler
  // calling POST /functions/v1/api/jobs/run (every item is leased, so any mix is safe).
  JOBS_DRIVER: z.enum(["timer", "cron", "external"]).default("timer"),
  // Processing attempts before a complaint stops being retried and waits in "Needs attention"
  // (back-off doubles from 1 minute, so 8 attempts span about 4 hours).
  RETRY_MAX_ATTEMPTS: int(8, 1),
  // A claim still unprocessed this long after receipt was left by a crash (or a stopped
  // instance) and is taken up by the retry job. Longer than any one email's processing.
  RETRY_STUCK_AFTER_SECONDS: int(300, 1),
  DUPLICATE_WINDOW_DAYS: int(7, 0),
  DUPLICATE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  DUPLICATE_SAME_ORDER_THRESHOLD: z.coerce.number().min(0).max(1).default(0.15),
  FLOOD_MAX_PER_HOUR: int(20, 1),
  // Complaints from this many different customers about the same thing within the window form
  // an incident (one alert, edited as members join); 0 turns incidents off.
  INCIDENT_MIN_COMPLAINTS: int(5, 0),
  INCIDENT_WINDOW_MINUTES: int(60, 1),
  // An incident's alert is edited at most this often (0 = at every join): in an outage hundreds
  // join a minute and Telegram allows about one edit a second; joins in between are shown by the
  // next edit, or by the jobs within ESCALATION_INTERVAL_SECONDS. A resolution is edited at once.
  INCIDENT_ALERT_EDIT_SECONDS: int(10, 0),
  // Twice the cores: a mail in processing also waits (the offload worker, fsync), and with one
  // slot a core the request thread sat idle (2 cores, text mails: ~+10% with 4 slots).
  PROCESS_CONCURRENCY: int(2 * Math.max(1, navigator.hardwareConcurrency || 1), 1),
  // Of those, emails of 1 MiB and more (LARGE_EMAIL_BYTES): each holds megabytes of decoded parts
  // while processed, so four at once cost ~50 MB more peak RSS than one, for no more throughput.
  PROCESS_LARGE_CONCURRENCY: int(1, 1),
  // Worker threads that parse and analyse mails beside the request thread; 0 keeps that work on
  // it (one core has nothing to gain from a second thread).
  OFFLOAD_WORKERS: int(Math.max(0, (navigator.hardwareConcurrency || 1) - 1), 0),
  EXTRACT_POOL_SIZE: int(Math.max(1, navigator.hardwareConcurrency || 1), 1),
  EXTRACT_TIMEOUT_MS: int(30_000, 1),
  ATTACHMENT_MAX_BYTES: int(20 * 1024 * 1024, 1),
  ATTACHMENTS_MAX_BYTES: int(50 * 1024 * 1024, 1),
  ATTACHMENTS_MAX_COUNT: int(50, 0),
  PDF_MAX_PAGES: int(200, 1),
  OCR_MAX_PAGES: int(10, 0),
  IMAGE_MAX_PIXELS: int(50_000_000, 1),
  ZIP_MAX_ENTRIES: int(5000, 1),
  ZIP_MAX_RATIO: int(100, 1),
  EXTRACT_MAX_CHARS: int(200_000, 1),
  OCR_RUS_TRAINEDDATA: z.string().default("/usr/share/tesseract-ocr/5/tessdata/rus.traineddata"),
  SESSION_TTL_HOURS: int(12, 1),
  // Outbound mail (replies to customers): unset = each message is kept as an .eml in the blob
  // store's outbox/ and shown as "not sent: no SMTP configured".
  SMTP_URL: optionalString.refine((u) => !u || /^smtps?:\/\/[^\s]+$/.test(u), {
    message: "must be an smtp:// or smtps:// URL",
  }),
  // The address replies come from; our Message-IDs are @ its domain.
  SUPPORT_FROM: z.email().default("support@example.com"),
  // Opt-in: new complaints get one automatic acknowledgement with their reference, at most one
  // per customer per ACK_MIN_INTERVAL_MINUTES (never to duplicates or flood-tagged senders).
  ACK_ENABLED: bool(false),
  ACK_MIN_INTERVAL_MINUTES: int(60, 0),
  // Categories whose drafted answer is sent by itself above a confidence ("delivery:0.9");
  // every other category gets drafts only, for an agent to send.
  AUTO_REPLY_RULES: autoReplyRules,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type EnvConfig = z.infer<typeof configSchema>;

/** Config after secrets are resolved: tokens are always present. */
export type Config = EnvConfig & {
  INGEST_TOKEN: string;
  API_TOKEN: string;
  ADMIN_PASSWORD: string;
};

/** Raised when a variable has a bad value; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validate an environment map. Empty strings count as unset so that `FOO=` in a .env file
 * falls back to the default instead of failing.
 */
export function parseConfig(env: Record<string, string | undefined>): EnvConfig {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") cleaned[key] = value;
  }
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  }
  return result.data;
}

/** Read the process environment once. */
export function readEnvConfig(): EnvConfig {
  return parseConfig(Deno.env.toObject());
}
