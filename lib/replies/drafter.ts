import type { TokenUsage } from "../analyze/port.ts";

/** What a model is given to draft an answer: the complaint and what is known around it. */
export interface DraftRequest {
  customerName: string;
  /** ISO 639-1 code of the customer's words; the draft is written in it. */
  language: string;
  subject: string;
  description: string;
  category: string;
  priority: string;
  summary: string;
  orderNumbers: string[];
  /** The customer's earlier complaints, newest first. */
  history: { subject: string; status: string; outcome: string }[];
  /** How the most similar resolved complaints were answered. */
  resolutions: { subject: string; reply: string }[];
  /** What the complaint lacks, to be asked for exactly (the order number, a photo). */
  asks: string[];
  agentName: string;
}

/** A drafted answer and what it cost. */
export interface DraftResult {
  text: string;
  model: string;
  tokens: TokenUsage;
}

/** The drafting port: Claude when a key is set; without one, drafts come from saved replies. */
export interface ReplyDrafter {
  readonly name: string;
  draft(request: DraftRequest): Promise<DraftResult>;
}
