import assert from "node:assert/strict";
import { withTempStore } from "../../test/support/store.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { buildReport, isoWeek, quantile, reportCsv } from "./report.ts";
import type { Complaint } from "../schema/complaint.ts";

const H = 3_600_000;
const at = (base: string, hours: number) => new Date(Date.parse(base) + hours * H).toISOString();

/** A complaint received at `received`, answered after `fr` hours, resolved after `res` hours. */
function handled(
  received: string,
  fr: number | null,
  res: number | null,
  extra: Partial<Complaint> = {},
): Complaint {
  const c = makeComplaint({
    receivedAt: received,
    status: res === null ? "in_progress" : "resolved",
    slaFirstResponseDueAt: at(received, 1),
    slaResolutionDueAt: at(received, 8),
    slaClock: { pausedMs: 0, ...(fr === null ? {} : { firstResponseAt: at(received, fr) }) },
    ...extra,
  });
  if (res !== null) {
    c.history = [...c.history, {
      at: at(received, res),
      actor: "bea@x.test",
      action: "status_changed",
      details: { from: "in_progress", to: "resolved" },
    }];
  }
  return c;
}

Deno.test("quantiles and ISO weeks", () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2);
  assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
  assert.equal(quantile([], 0.5), null);
  assert.equal(isoWeek("2026-12-07T10:00:00Z"), "2026-W50");
  assert.equal(isoWeek("2027-01-01T10:00:00Z"), "2026-W53");
});

Deno.test("report figures by agent match hand-computed medians, p90 and shares within SLA", () =>
  withTempStore(async (store) => {
    const day = "2026-12-07T09:00:00.000Z";
    // Bea: first responses 0.5, 1.5, 2 h (1 of 3 within the 1 h target); resolved 4 and 10 h
    // (1 of 2 within 8 h), one still open.
    const bea = [
      handled(day, 0.5, 4, { assignee: "bea@x.test" }),
      handled(at(day, 1), 1.5, 10, { assignee: "bea@x.test" }),
      handled(at(day, 2), 2, null, { assignee: "bea@x.test" }),
    ];
    // Tom: one answered in 0.25 h, resolved in 2 h; a duplicate that must not count.
    const tom = [
      handled(at(day, 3), 0.25, 2, { assignee: "tom@x.test" }),
      handled(at(day, 4), 0.1, 0.2, { assignee: "tom@x.test", status: "duplicate" }),
    ];
    const none = [handled(at(day, 5), null, null)];
    for (const c of [...bea, ...tom, ...none]) await store.createComplaint(c);
    const report = await buildReport({ store }, "agent", "2026-12-07", "2026-12-07");
    const row = (k: string) => report.rows.find((r) => r.key === k)!;
    assert.deepEqual(report.rows.map((r) => r.key), ["bea@x.test", "(unassigned)", "tom@x.test"]);
    const b = row("bea@x.test");
    assert.equal(b.complaints, 3);
    assert.deepEqual(b.firstResponse, { count: 3, medianHours: 1.5, p90Hours: 2 });
    assert.deepEqual(b.resolution, { count: 2, medianHours: 4, p90Hours: 10 });
    assert.equal(b.firstResponseWithinSla, 0.333);
    assert.equal(b.resolutionWithinSla, 0.5);
    assert.equal(row("tom@x.test").complaints, 1, "duplicates are left out");
    assert.equal(row("(unassigned)").firstResponse.medianHours, null);
    assert.match(row("(unassigned)").href, /unassigned=true/);
    assert.equal(report.total.complaints, 5);
    assert.deepEqual(report.total.firstResponse, { count: 4, medianHours: 0.5, p90Hours: 2 });

    const csv = reportCsv(report);
    const lines = csv.trimEnd().split("\r\n");
    assert.equal(lines[0].split(",")[0], "group");
    assert.equal(lines[1], "bea@x.test,3,3,1.5,2,2,4,10,0.333,0.5,");
    assert.equal(lines.at(-1)!.split(",")[0], "all");
  }));

Deno.test("a group name that looks like a formula is defused in the CSV", () =>
  withTempStore(async (store) => {
    await store.createComplaint(
      handled("2026-12-07T09:00:00.000Z", 1, null, { team: "=HYPERLINK(1)" }),
    );
    const report = await buildReport({ store }, "team", "2026-12-07", "2026-12-07");
    assert.match(reportCsv(report), /\r\n'=HYPERLINK\(1\),1,/);
  }));
