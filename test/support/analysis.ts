import type { StrictAnalysis } from "../../lib/analyze/schema.ts";

/** A complete, valid analysis: what a well-behaved Claude tool call carries. */
export const validAnalysis: StrictAnalysis = {
  category: "billing",
  subcategory: "double_charge",
  priority: "high",
  sentiment: "negative",
  sentimentScore: -0.6,
  confidence: 0.9,
  language: "en",
  summary: "Customer was charged twice for order ORD-12345.",
  entities: {
    orderNumbers: ["ORD-12345"],
    amounts: [{ value: 49.99, currency: "USD" }],
    dates: ["2026-03-04"],
    products: ["kettle"],
    phones: [],
    emails: ["a@example.test"],
  },
  flags: { legal: false, compensation: true, safety: false, fraud: false, followUp: false },
  escalationLevel: 2,
  suggestedTeam: "billing",
};
