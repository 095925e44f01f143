import assert from "node:assert/strict";
import {
  type Analysis,
  analysisJsonSchema,
  analysisSchema,
  completeAnalysis,
  extractEmails,
} from "./schema.ts";
import { validAnalysis } from "../../test/support/analysis.ts";

Deno.test("analysisSchema accepts a complete analysis", () => {
  assert.deepEqual(analysisSchema.parse(validAnalysis), validAnalysis);
});

Deno.test("analysisSchema rejects out-of-range and non-ISO values, naming the field", () => {
  const bad = [
    { ...validAnalysis, confidence: 1.2 },
    { ...validAnalysis, escalationLevel: 4 },
    { ...validAnalysis, priority: "urgent" },
    { ...validAnalysis, language: "english" },
    { ...validAnalysis, suggestedTeam: "marketing" },
    { ...validAnalysis, entities: { ...validAnalysis.entities, dates: ["4 March 2026"] } },
    {
      ...validAnalysis,
      entities: { ...validAnalysis.entities, amounts: [{ value: 5, currency: "$" }] },
    },
    { ...validAnalysis, flags: { legal: true } },
  ];
  for (const value of bad) {
    const r = analysisSchema.safeParse(value);
    assert.equal(r.success, false, JSON.stringify(value).slice(0, 80));
  }
  const r = analysisSchema.safeParse({ ...validAnalysis, confidence: 7 });
  assert.deepEqual(r.error?.issues[0].path, ["confidence"]);
});

Deno.test("the JSON Schema is an object schema requiring every field, with enums and ranges", () => {
  const s = analysisJsonSchema() as {
    type: string;
    required: string[];
    properties: Record<string, Record<string, unknown>>;
    $schema?: string;
  };
  assert.equal(s.type, "object");
  assert.equal(s.$schema, undefined);
  assert.deepEqual(new Set(s.required), new Set(Object.keys(analysisSchema.shape)));
  assert.deepEqual(s.properties.priority.enum, ["low", "medium", "high", "critical"]);
  assert.equal(s.properties.confidence.maximum, 1);
  assert.equal(s.properties.escalationLevel.maximum, 3);
});

Deno.test("completeAnalysis derives flags from tags, the category's team and e-mails from text", () => {
  const { flags: _f, suggestedTeam: _t, ...rest } = validAnalysis;
  const local: Analysis = {
    ...rest,
    category: "delivery",
    entities: { orderNumbers: [], amounts: [], dates: [], products: [], phones: [] },
    tags: ["legal", "followUp", "blocked"],
  };
  const full = completeAnalysis(local, "Write to Ivan.Petrov@Example.ru or me@x.kz.");
  assert.deepEqual(full.flags, {
    legal: true,
    compensation: false,
    safety: false,
    fraud: false,
    followUp: true,
  });
  assert.equal(full.suggestedTeam, "logistics");
  assert.deepEqual(full.entities.emails, ["ivan.petrov@example.ru", "me@x.kz"]);
  assert.equal(analysisSchema.safeParse(full).success, true);
});

Deno.test("completeAnalysis keeps an analyzer's own flags and team and adds flag tags", () => {
  const full = completeAnalysis({ ...validAnalysis, tags: [] }, "ignored@example.test");
  assert.equal(full.suggestedTeam, "billing");
  assert.deepEqual(full.entities.emails, ["a@example.test"]);
  assert.deepEqual(full.tags, ["compensation"]);
});

Deno.test("extractEmails finds each address once, lower-cased, without a trailing dot", () => {
  assert.deepEqual(extractEmails("a@b.co. A@B.CO and <x.y+z@mail.example.kz>"), [
    "a@b.co",
    "x.y+z@mail.example.kz",
  ]);
  assert.deepEqual(extractEmails("no address @ here"), []);
});

Deno.test("extractEmails finds what a scan with the address pattern finds, on random text", () => {
  const reference = (text: string) => {
    const seen = new Set<string>();
    const pattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
    for (const m of text.matchAll(pattern)) seen.add(m[0].replace(/\.+$/, "").toLowerCase());
    return [...seen];
  };
  const alphabet = ["a", "B", "é", "1", ".", "@", "-", "+", " ", "\n", "co", "ru", "@x.kz"];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 3000; i++) {
    const text = Array.from(
      { length: 4 + Math.floor(rnd() * 40) },
      () => alphabet[Math.floor(rnd() * alphabet.length)],
    ).join("");
    assert.deepEqual(extractEmails(text), reference(text), JSON.stringify(text));
  }
});
