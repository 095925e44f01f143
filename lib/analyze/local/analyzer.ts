import type { Priority } from "../../schema/complaint.ts";
import type { Analysis, AnalysisInput, AnalysisResult, Analyzer } from "../port.ts";
import {
  rankCategories,
  scoreCategories,
  type Segment,
  weighDigitalFault,
  weighGoodsFlow,
} from "./category.ts";
import { readGoodsFlow } from "./cause.ts";
import { computeConfidence } from "./confidence.ts";
import { countDigitalFaults } from "./digital_fault.ts";
import { countDelayCues, countRepeatedFailures } from "./delay.ts";
import { extractEntities } from "./entities/extract.ts";
import { readImpact } from "./impact.ts";
import { detectLanguage } from "./language.ts";
import { decidePriority } from "./priority.ts";
import { scoreSentiment } from "./sentiment.ts";
import { addSignals, detectSignals, type Signals } from "./signals.ts";
import { subcategoryFor } from "./subcategory.ts";
import { summarize } from "./summary.ts";
import { splitTail } from "./tail.ts";
import { letterCounts, splitQuoted } from "./text.ts";
import { tokenize, tokensWithin } from "./tokens.ts";

const ESCALATION: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };

// How much each part of an email counts: the customer's own words most, history least.
const WEIGHT = { subject: 1.5, own: 1, quoted: 0.25, attachments: 0.4 };
// Each kind of lateness told weighs as a typical problem phrase.
const DELAY_PROBLEM = 1;

/** The local, offline, deterministic analyzer: lexicons, rules and pattern extractors. */
export class LocalAnalyzer implements Analyzer {
  readonly name = "local";
  readonly version = "local-1.0.0";

  /** `run` does the analysis elsewhere (a worker thread); by default it runs here. */
  constructor(
    private readonly run: (input: AnalysisInput) => Promise<Analysis> = (input) =>
      Promise.resolve(analyzeLocally(input)),
  ) {}

  async analyze(input: AnalysisInput): Promise<AnalysisResult> {
    const started = performance.now();
    const analysis = await this.run(boundInput(input));
    return {
      analysis,
      analyzer: this.name,
      version: this.version,
      ms: Math.round((performance.now() - started) * 100) / 100,
    };
  }
}

/** The analysis itself, synchronous, for callers that do not need the port's wrapper. */
export function analyzeLocally(input: AnalysisInput): Analysis {
  const split = splitQuoted(input.body ?? "");
  const { quoted } = split;
  // The sign-off (name, phone, disclaimer) says nothing about the matter and is left unread.
  const own = splitTail(split.own).body;
  const attachments = (input.attachmentsText ?? []).filter((t) => t.trim()).join("\n\n");
  const ownEmpty = letterCounts(own).total < 15;
  const attWeight = ownEmpty ? 1 : WEIGHT.attachments;

  // Each text is split into words once; the subject and the customer's own words are parts of
  // the customer's text, read as if tokenized alone.
  const subject = input.subject ?? "";
  const customerText = `${subject}\n${own}`;
  const customerTokens = tokenize(customerText);
  const quotedTokens = tokenize(quoted);
  const attachmentTokens = tokenize(attachments);
  const segments: Segment[] = [
    {
      text: subject,
      weight: WEIGHT.subject,
      tokens: tokensWithin(customerTokens, 0, subject.length),
    },
    {
      text: own,
      weight: WEIGHT.own,
      tokens: tokensWithin(customerTokens, subject.length + 1, customerText.length),
    },
    { text: quoted, weight: WEIGHT.quoted, tokens: quotedTokens },
    { text: attachments, weight: attWeight, tokens: attachmentTokens },
  ];
  const ownSignals = detectSignals(customerText, true, customerTokens);
  // A sum still owed or taken twice, however it is worded: the customer is out of money now, as
  // when working days were given up waiting; a payment or offer that runs out today is urgent.
  const impact = readImpact(customerText);
  ownSignals.moneyLost = Math.max(ownSignals.moneyLost + impact.timeLost, impact.moneyOut);
  ownSignals.urgent = Math.max(ownSignals.urgent, impact.deadline);
  // A promise run out or a stalled status is something to act on, even asked as a question.
  ownSignals.problem += DELAY_PROBLEM * countDelayCues(customerText);
  // A failure told as happening again is a repeat, whether or not the customer wrote before.
  ownSignals.repeat = Math.max(ownSignals.repeat, countRepeatedFailures(customerText));
  let signals: Signals = addSignals(ownSignals, detectSignals(quoted, false, quotedTokens), 0.5);
  if (attachments) {
    signals = addSignals(
      signals,
      detectSignals(attachments, ownEmpty, attachmentTokens),
      ownEmpty ? 1 : 0.5,
    );
  }

  const languageText = ownEmpty ? `${customerText}\n${attachments}` : own;
  const language = detectLanguage(languageText);

  const allText = [input.subject ?? "", input.body ?? "", attachments].join("\n\n");
  const entities = extractEntities(allText, input.receivedAt);
  // A site or app failing is a technical cause whatever it fails to show (payments, an invoice).
  const faults = WEIGHT.subject * countDigitalFaults(subject) + countDigitalFaults(own);
  // An existing order makes praise or a question a post-sale matter of its category.
  // A site fault told alongside them makes buying words the reason to fix it, not a pre-sales
  // question, as an order already placed does.
  const aboutAnOrder = entities.orderNumbers.length > 0 || faults > 0;

  const cat = weighGoodsFlow(
    weighDigitalFault(scoreCategories(segments), faults, signals.moneyLost),
    readGoodsFlow(customerText),
  );
  let category = cat.category;
  // Money already lost is a problem even when the words around it read like a pre-sales question.
  const noProblem = signals.problem < 2 && signals.moneyLost < 1 &&
    signals.safety + signals.legal + signals.fraud === 0;
  if (signals.autoReply >= 1 || signals.bulk >= 1) category = "other";
  else if (
    (signals.presales >= 1 || signals.praise >= 1.5 ||
      (signals.praise >= 1 && signals.problem < 1)) &&
    noProblem && !aboutAnOrder
  ) {
    category = "other";
  } else if (
    ownSignals.staff >= 2 && category === "delivery" && ownSignals.moneyLost < 1 &&
    ownSignals.safety + ownSignals.legal + ownSignals.fraud === 0
  ) {
    // Several words about manners (rude, shouted, hung up) make it a staff-behaviour complaint:
    // the courier's words about the parcel only say who was rude, not what went wrong.
    category = "other";
  } else if (category === "other" && signals.safety >= 1) {
    // A hazard with no other clue is about the product itself.
    category = "quality";
  }

  // Pre-sales words about an order already placed ("back in stock?") are an after-sale matter.
  const { priority, reasons } = decidePriority(
    aboutAnOrder ? { ...signals, presales: 0 } : signals,
  );
  const { sentiment, score } = ownEmpty
    ? scoreSentiment(languageText, ownSignals)
    : scoreSentiment(customerText, ownSignals, customerTokens);

  const ranked = rankCategories(cat.scores);
  const runnerUp = ranked.find((c) => c !== category) ?? "other";
  const words = (languageText.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const confidence = computeConfidence({
    top: cat.scores[category],
    second: cat.scores[runnerUp],
    hits: cat.hits[category].length,
    words,
  });

  const tags: string[] = [];
  for (const k of ["safety", "legal", "fraud"] as const) if (signals[k] >= 1) tags.push(k);
  if (signals.compensation >= 1) tags.push("compensation");
  if (signals.repeat >= 1 || quoted.length > 0 || /^\s*(re|ответ|fwd?)\s*:/i.test(input.subject)) {
    tags.push("followUp");
  }
  if (signals.autoReply >= 1) tags.push("autoReply");
  if (signals.bulk >= 1) tags.push("bulk");
  if (reasons.includes("blocked")) tags.push("blocked");

  const summary = summarize({
    category,
    priority,
    subject: input.subject ?? "",
    text: ownEmpty ? `${own}\n${attachments}` : own,
    keyTerms: cat.hits[category],
    product: entities.products[0],
    order: entities.orderNumbers[0],
  });

  return {
    category,
    subcategory: subcategoryFor(category, customerText + "\n" + (ownEmpty ? attachments : "")),
    priority,
    sentiment,
    sentimentScore: score,
    confidence,
    language,
    summary,
    entities,
    escalationLevel: ESCALATION[priority],
    tags,
  };
}

export { extractEntities } from "./entities/extract.ts";

/** Characters of body and of each attachment the local analyzer reads (its cost grows faster than linearly). */
export const MAX_BODY_CHARS = 100_000;
export const MAX_ATTACHMENT_CHARS = 50_000;
export const MAX_ATTACHMENTS = 10;

/** The part of a very large email the analyzer reads: the start, where the customer writes. */
export function boundInput(input: AnalysisInput): AnalysisInput {
  return {
    ...input,
    subject: input.subject.slice(0, 1000),
    body: input.body.slice(0, MAX_BODY_CHARS),
    attachmentsText: input.attachmentsText.slice(0, MAX_ATTACHMENTS).map((t) =>
      t.slice(0, MAX_ATTACHMENT_CHARS)
    ),
  };
}
