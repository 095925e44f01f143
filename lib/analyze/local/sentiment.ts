import type { Sentiment } from "../../schema/complaint.ts";
import { compileTerms, findHits, indexTerms, scoreHits, type Term } from "./matcher.ts";
import { tokenize, type Tokens } from "./tokens.ts";
import type { Signals } from "./signals.ts";

// Courtesy words that close most letters, angry ones included: weak evidence of a good mood.
const POLITE = new Set(["thank", "thanks", "спасибо", "рахмет", "рақмет", "easy", "best"]);
const POSITIVE = compileTerms(
  [
    "thank",
    "thanks",
    "grateful",
    "appreciate",
    "great",
    "excellent",
    "amazing",
    "wonderful",
    "love",
    "happy",
    "pleased",
    "friendly",
    "helpful",
    "perfect",
    "best",
    "easy",
    "спасибо",
    "благодар",
    "отличн",
    "прекрасн",
    "замечательн",
    "доволен",
    "довольна",
    "рад$",
    "рада$",
    "вежлив",
    "молодц",
    "рахмет",
    "рақмет",
    "алғыс",
  ].map((p): Term => ({ p, w: POLITE.has(p) ? 0.5 : 1, negatable: true })),
);
const NEGATIVE = compileTerms(
  [
    "disappoint",
    "unhappy",
    "angry",
    "upset",
    "frustrat",
    "annoy",
    "terrible",
    "awful",
    "horrible",
    "worst",
    "ridiculous",
    "unacceptable",
    "outrage",
    "disgust",
    "worried",
    "scared",
    "afraid",
    "useless",
    "poor",
    "bad",
    "nobody",
    "still",
    "broken",
    "refuse",
    "недоволен",
    "недовольна",
    "разочарован",
    "ужасн",
    "отвратительн",
    "возмутительн",
    "безобрази",
    "плох",
    "страшно",
    "обидно",
    "никто",
    "до сих пор",
    "отказ",
    "требую",
    "ашулы",
    "наразы",
  ].map((p): Term => ({ p, w: 1, negatable: true })),
);

export interface SentimentResult {
  sentiment: Sentiment;
  score: number;
}

const INDEX = indexTerms([POSITIVE, NEGATIVE]);

/**
 * Sentiment of the customer's own text in [-1, 1]: praise words push up; displeasure words,
 * anger and the weight of the problem described push down. Meant for English and Russian;
 * Kazakh gets the few words it shares and the signal-based part. `tokens` are the text's words
 * when the caller already has them.
 */
export function scoreSentiment(text: string, signals: Signals, tokens?: Tokens): SentimentResult {
  const [positive, negative] = findHits(tokens ?? tokenize(text), INDEX);
  const pos = scoreHits(positive, 1) + signals.praise;
  const neg = scoreHits(negative, 1) + 1.5 * signals.anger +
    0.6 * Math.min(4, signals.problem) + signals.repeat + signals.moneyLost + 0.5 * signals.urgent +
    signals.safety + signals.legal + signals.fraud;
  const raw = (pos - neg) / (pos + neg + 2);
  const score = Math.max(-1, Math.min(1, Math.round(raw * 100) / 100));
  const sentiment: Sentiment = score <= -0.3 ? "negative" : score >= 0.25 ? "positive" : "neutral";
  return { sentiment, score };
}
