import assert from "node:assert/strict";
import type { BurstEmail } from "./incident_burst.ts";
import { formatIncidentEval, type IncidentEval, runIncidentEval } from "./incidents.ts";

/** One hand-made email of a burst, from its own customer, `n` minutes into the hour. */
function mail(n: number, group: string | null, subject: string, body: string): BurstEmail {
  const messageId = `<tiny-${n}@customers.example>`;
  const raw = [
    `From: Customer ${n} <tiny${n}@example.test>`,
    "To: support@shop.example",
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    `Date: ${new Date(Date.UTC(2026, 4, 12, 9, n)).toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
  return { messageId, group, raw };
}

const CRASH = "ShopApp crashes at login";
const CRASH_BODY =
  "Since this morning ShopApp closes as soon as I try to log in. I reinstalled it, the app still crashes.";

/**
 * The truth: three customers report the ShopApp crash (group "app"), two report the same double
 * charge (group "charge", too few to form an incident at three), one asks something unrelated,
 * and one more ShopApp crash report is labelled unrelated on purpose — the grouping will put it
 * with the crash, which the score must count against precision.
 */
const tiny: BurstEmail[] = [
  mail(1, "app", CRASH, CRASH_BODY),
  mail(2, "charge", "Charged twice for one order", "My card was charged twice for ORD-100001."),
  mail(3, "app", CRASH, CRASH_BODY),
  mail(4, null, "Store opening hours", "What are the opening hours of your Almaty store?"),
  mail(5, "app", CRASH, CRASH_BODY),
  mail(6, "charge", "Charged twice for one order", "My card was charged twice for ORD-200002."),
  mail(7, null, CRASH, CRASH_BODY),
];

Deno.test("a tiny burst scored by hand: 4 crash reports grouped (3 truly), 2 double charges too few to group, 1 unrelated → precision 3/6, recall 3/4", async () => {
  const result = await runIncidentEval(tiny, { INCIDENT_MIN_COMPLAINTS: "3" });
  assert.equal(result.emails, 7);
  assert.equal(result.groups, 2, "two real incidents in the truth: app and charge");
  assert.deepEqual(
    result.incidents.map((i) => ({ customers: i.customers, complaints: i.complaints })),
    [{ customers: 4, complaints: 4 }],
    JSON.stringify(result.incidents),
  );
  assert.match(result.incidents[0].title, /shopapp/i);
  // Pairs in one predicted incident: the 4 crash mails make 6. Of them 3 are pairs of the truth's
  // "app" (tp) and 3 pair mail 7 with one of them (fp). Pairs of the truth not grouped: the
  // two double charges (fn). Precision 3 / (3 + 3), recall 3 / (3 + 1).
  assert.deepEqual(result.score, { precision: 0.5, recall: 0.75, tp: 3, fp: 3, fn: 1 });
});

Deno.test("with incidents turned off nothing is grouped: no false pairs (precision 1 by convention) and every true pair missed", async () => {
  const result = await runIncidentEval(tiny, { INCIDENT_MIN_COMPLAINTS: "0" });
  assert.deepEqual(result.incidents, []);
  // True pairs: C(3,2) = 3 in "app" and 1 in "charge"; all missed.
  assert.deepEqual(result.score, { precision: 1, recall: 0, tp: 0, fp: 0, fn: 4 });
});

Deno.test("the report prints the score as percentages with its pair counts, and each incident formed", () => {
  const r: IncidentEval = {
    emails: 7,
    groups: 2,
    incidents: [{ title: "ShopApp crashes at login", customers: 4, complaints: 5 }],
    score: { precision: 0.5, recall: 2 / 3, tp: 3, fp: 3, fn: 1 },
  };
  assert.equal(
    formatIncidentEval(r),
    [
      "incidents (generated burst: 7 emails, 2 real incidents, en/ru/kk)",
      "  grouping: precision 50.0%, recall 66.7% (pairs: tp 3, fp 3, fn 1)",
      "  · ShopApp crashes at login — 4 customers, 5 complaints",
    ].join("\n"),
  );
  assert.equal(
    formatIncidentEval({ ...r, incidents: [] }).split("\n").length,
    2,
    "no incident lines when none formed",
  );
});
