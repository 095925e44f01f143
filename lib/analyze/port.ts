import type { Category, Entities, Priority, Sentiment } from "../schema/complaint.ts";

/** What an analyzer is given: the customer's text and what came with it. */
export interface AnalysisInput {
  subject: string;
  body: string;
  attachmentsText: string[];
  from: string;
  /** ISO date of the email, for relative dates. */
  receivedAt: string;
}

export interface Analysis {
  category: Category;
  subcategory: string;
  priority: Priority;
  sentiment: Sentiment;
  sentimentScore: number;
  confidence: number;
  language: string;
  summary: string;
  entities: Entities;
  escalationLevel: number;
  tags: string[];
}

export interface AnalysisResult {
  analysis: Analysis;
  analyzer: string;
  model?: string;
  version: string;
  ms: number;
  tokens?: { input: number; output: number };
}

/** The analyzer port: Claude when configured, the local analyzer always. */
export interface Analyzer {
  readonly name: string;
  readonly version: string;
  analyze(input: AnalysisInput): Promise<AnalysisResult>;
}
