import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./config.ts";

function configError(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${err}`);
    return err;
  }
  assert.fail(`parseConfig accepted ${JSON.stringify(env)}`);
}

Deno.test("an empty environment gives the documented defaults", () => {
  const c = parseConfig({});
  assert.equal(c.PORT, 8000);
  assert.equal(c.HOSTNAME, "0.0.0.0");
  assert.equal(c.DATA_DIR, ".data");
  assert.equal(c.INGEST_MAX_BYTES, 25 * 1024 * 1024);
  assert.equal(c.LOG_LEVEL, "info");
  assert.equal(c.ADMIN_EMAIL, "admin@example.com");
  assert.equal(c.CACHE_TTL_SECONDS, 3600);
  assert.equal(c.CLAUDE_MODEL, "claude-haiku-5-5");
  assert.equal(c.PUBLIC_URL, undefined);
  assert.equal(c.INGEST_TOKEN, undefined);
  assert.equal(c.API_TOKEN, undefined);
  assert.equal(c.ADMIN_PASSWORD, undefined);
});

Deno.test("set values are parsed and numbers coerced", () => {
  const c = parseConfig({
    PORT: "9123",
    INGEST_MAX_BYTES: "1024",
    PUBLIC_URL: "https://triage.example.com",
    LOG_LEVEL: "debug",
    INGEST_TOKEN: "tok",
    DATA_DIR: "/var/lib/triage",
  });
  assert.equal(c.PORT, 9123);
  assert.equal(c.INGEST_MAX_BYTES, 1024);
  assert.equal(c.PUBLIC_URL, "https://triage.example.com");
  assert.equal(c.LOG_LEVEL, "debug");
  assert.equal(c.INGEST_TOKEN, "tok");
  assert.equal(c.DATA_DIR, "/var/lib/triage");
});

Deno.test("empty and blank strings count as unset and fall back to defaults", () => {
  const c = parseConfig({
    PORT: "",
    INGEST_MAX_BYTES: "  ",
    PUBLIC_URL: "",
    LOG_LEVEL: "",
    INGEST_TOKEN: "",
    API_TOKEN: "   ",
    DATA_DIR: "",
  });
  assert.equal(c.PORT, 8000);
  assert.equal(c.INGEST_MAX_BYTES, 25 * 1024 * 1024);
  assert.equal(c.PUBLIC_URL, undefined);
  assert.equal(c.LOG_LEVEL, "info");
  assert.equal(c.INGEST_TOKEN, undefined);
  assert.equal(c.API_TOKEN, undefined);
  assert.equal(c.DATA_DIR, ".data");
});

Deno.test("variables the product does not know are ignored", () => {
  const c = parseConfig({ HOME: "/root", PATH: "/bin", PORT: "1" }) as Record<string, unknown>;
  assert.equal(c.HOME, undefined);
  assert.equal(c.PATH, undefined);
});

for (
  const [name, value] of [
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["PORT", "80.5"],
    ["INGEST_MAX_BYTES", "0"],
    ["INGEST_MAX_BYTES", "lots"],
    ["PUBLIC_URL", "not a url"],
    ["LOG_LEVEL", "verbose"],
    ["RATE_LIMIT_API_PER_MINUTE", "-1"],
    ["TRUST_PROXY", "yes please"],
  ] as const
) {
  Deno.test(`a bad ${name} (${JSON.stringify(value)}) raises ConfigError naming it`, () => {
    const err = configError({ [name]: value });
    assert.match(err.message, new RegExp(`\\b${name}\\b`));
    assert.ok(err.issues.some((i) => i.startsWith(`${name}:`)), err.issues.join("; "));
  });
}

Deno.test("rate limits default on and generous for ingest; 0 turns one off; TRUST_PROXY is a strict boolean", () => {
  const defaults = parseConfig({});
  assert.equal(defaults.RATE_LIMIT_API_PER_MINUTE, 600);
  assert.equal(defaults.RATE_LIMIT_INGEST_PER_MINUTE, 6000);
  assert.equal(defaults.TRUST_PROXY, false);
  const set = parseConfig({ RATE_LIMIT_API_PER_MINUTE: "0", TRUST_PROXY: "true" });
  assert.equal(set.RATE_LIMIT_API_PER_MINUTE, 0);
  assert.equal(set.TRUST_PROXY, true);
  assert.equal(parseConfig({ TRUST_PROXY: "false" }).TRUST_PROXY, false, "not JS truthiness");
  assert.equal(parseConfig({ TRUST_PROXY: "0" }).TRUST_PROXY, false);
  assert.equal(parseConfig({ TRUST_PROXY: "1" }).TRUST_PROXY, true);
});

Deno.test("ESCALATION_TEAMS is read into a team per category: entries over each category's own team", () => {
  const defaults = parseConfig({}).ESCALATION_TEAMS;
  assert.deepEqual(defaults, {
    returns: "returns",
    delivery: "logistics",
    quality: "quality",
    technical: "tech_support",
    billing: "billing",
    other: "customer_service",
  });
  const set = parseConfig({ ESCALATION_TEAMS: " delivery : couriers , billing:finance team," })
    .ESCALATION_TEAMS;
  assert.equal(set.delivery, "couriers");
  assert.equal(set.billing, "finance team");
  assert.equal(set.returns, "returns");
});

for (
  const [value, entry] of [
    ["delivery:couriers,nonsense", "nonsense"],
    ["nonsense:x", "nonsense:x"],
    ["billing:", "billing:"],
    [":finance", ":finance"],
    ["delivery:a,delivery:b", "delivery:b"],
    ["delivery:<b>couriers</b>", "delivery:<b>couriers</b>"],
  ] as const
) {
  Deno.test(`ESCALATION_TEAMS ${JSON.stringify(value)} stops start-up naming ${entry}`, () => {
    const err = configError({ ESCALATION_TEAMS: value });
    const issue = err.issues.find((i) => i.startsWith("ESCALATION_TEAMS:"));
    assert.ok(issue, err.issues.join("; "));
    assert.ok(issue.includes(`"${entry}"`), issue);
  });
}

Deno.test("an unknown category in ESCALATION_TEAMS is named with the known ones", () => {
  const err = configError({ ESCALATION_TEAMS: "delivery:couriers,shipping:couriers" });
  assert.match(err.message, /ESCALATION_TEAMS: .*"shipping:couriers".*unknown category "shipping"/);
  assert.match(err.message, /returns, delivery, quality, technical, billing, other/);
});

Deno.test("TELEGRAM_AGENTS is read into telegram user id → agent email", () => {
  assert.equal(parseConfig({}).TELEGRAM_AGENTS.size, 0);
  const agents = parseConfig({ TELEGRAM_AGENTS: " 111 : ann@example.com , 222:bob@example.com," })
    .TELEGRAM_AGENTS;
  assert.deepEqual([...agents], [["111", "ann@example.com"], ["222", "bob@example.com"]]);
  assert.equal(agents.get("111"), "ann@example.com");
  assert.equal(agents.get("333"), undefined);
});

for (
  const [value, entry] of [
    ["111:ann@example.com,bad", "bad"],
    ["ann:ann@example.com", "ann:ann@example.com"],
    ["-5:ann@example.com", "-5:ann@example.com"],
    ["111:not-an-email", "111:not-an-email"],
    ["111:", "111:"],
    ["111:ann@example.com,111:bob@example.com", "111:bob@example.com"],
  ] as const
) {
  Deno.test(`TELEGRAM_AGENTS ${JSON.stringify(value)} stops start-up naming ${entry}`, () => {
    const err = configError({ TELEGRAM_AGENTS: value });
    const issue = err.issues.find((i) => i.startsWith("TELEGRAM_AGENTS:"));
    assert.ok(issue, err.issues.join("; "));
    assert.ok(issue.includes(`"${entry}"`), issue);
  });
}

Deno.test("every bad variable is named, not only the first", () => {
  const err = configError({ PORT: "x", LOG_LEVEL: "loud" });
  assert.match(err.message, /PORT/);
  assert.match(err.message, /LOG_LEVEL/);
  assert.equal(err.name, "ConfigError");
});

Deno.test("CLAUDE_PRICES adds or overrides model prices over the defaults; a malformed entry stops start-up", () => {
  const prices = parseConfig({ CLAUDE_PRICES: "claude-haiku-4-5:0.8/4, new-model:2.5/10" })
    .CLAUDE_PRICES;
  assert.deepEqual(prices.get("claude-haiku-4-5"), { input: 0.8, output: 4 });
  assert.deepEqual(prices.get("new-model"), { input: 2.5, output: 10 });
  assert.deepEqual(prices.get("claude-sonnet-4-5"), { input: 3, output: 15 });
  const err = configError({ CLAUDE_PRICES: "claude-x:cheap" });
  assert.ok(err.issues.some((i) => i.startsWith("CLAUDE_PRICES:")), err.issues.join());
});
