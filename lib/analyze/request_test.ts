import assert from "node:assert/strict";
import { MemoryCache } from "../cache/memory.ts";
import { parseConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { createExtractPool } from "../extract/registry.ts";
import { LocalAnalyzer } from "./local/analyzer.ts";
import { SqliteStore } from "../store/sqlite.ts";
import {
  analyzeRequest,
  analyzeRequestSchema,
  extractEntitiesRequest,
  extractEntitiesRequestSchema,
} from "./request.ts";

// The local analyzer calls no model, so nothing reaches the usage ledger: a store is needed
// for the type only, and an in-memory SQLite one costs nothing.
const store = new SqliteStore(":memory:");
await store.init();

const ctx = () => ({
  store,
  analyzer: new LocalAnalyzer(),
  cache: new MemoryCache(),
  config: parseConfig({}) as Parameters<typeof analyzeRequest>[0]["config"],
  log: createLogger("error"),
  now: () => new Date("2026-03-05T10:00:00Z"),
  extractPool: createExtractPool(parseConfig({ EXTRACT_POOL_SIZE: "1" })),
});

Deno.test("analyzeRequest reads base64 text attachments and counts them as evidence", async () => {
  const req = analyzeRequestSchema.parse({
    customer_email: "a@example.test",
    content: "See the attached note.",
    attachments: [{
      filename: "note.txt",
      content_type: "TEXT/PLAIN",
      content: btoa("Order ORD-40404 arrived with a cracked screen."),
    }],
  });
  assert.equal(req.attachments[0].content_type, "text/plain");
  const res = await analyzeRequest(ctx(), req);
  assert.ok(res.entities.orderNumbers.includes("ORD-40404"), JSON.stringify(res.entities));
  assert.equal(res.meta.analyzer, "local");
});

Deno.test("analyzeRequest dates a year-less date by the received date, else by now", async () => {
  const base = {
    customer_email: "a@example.test",
    content: "The courier promised delivery on 3 March.",
  };
  const now = await analyzeRequest(ctx(), analyzeRequestSchema.parse(base));
  const then = await analyzeRequest(
    ctx(),
    analyzeRequestSchema.parse({ ...base, received_date: "2025-06-10" }),
  );
  assert.deepEqual(now.entities.dates, ["2026-03-03"]);
  assert.deepEqual(then.entities.dates, ["2025-03-03"]);
});

Deno.test("extractEntitiesRequest adds e-mail addresses to the local extractors' entities", () => {
  const e = extractEntitiesRequest(
    ctx(),
    extractEntitiesRequestSchema.parse({ text: "Заказ №12345, пишите на ivan@mail.kz" }),
  );
  assert.deepEqual(e.emails, ["ivan@mail.kz"]);
  assert.ok(e.orderNumbers.length >= 1);
});

Deno.test("analyzeRequest reads a PDF attachment with the pipeline's extractors", async () => {
  const { buildPdf } = await import("../../test/support/fixtures/pdf.ts");
  const pdf = buildPdf([{ lines: ["Invoice for order ORD-51515", "Total due 84 990 KZT"] }]);
  const c = ctx();
  try {
    const res = await analyzeRequest(
      c,
      analyzeRequestSchema.parse({
        customer_email: "a@example.test",
        content: "The invoice is attached.",
        attachments: [{
          filename: "invoice.pdf",
          content_type: "application/pdf",
          content: btoa(String.fromCharCode(...pdf)),
        }],
      }),
    );
    assert.ok(res.entities.orderNumbers.includes("ORD-51515"), JSON.stringify(res.entities));
    assert.deepEqual(res.entities.amounts, [{ value: 84990, currency: "KZT" }]);
  } finally {
    await c.extractPool.close();
  }
});
