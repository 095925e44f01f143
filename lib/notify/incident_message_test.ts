import assert from "node:assert/strict";
import { incidentLink, incidentMessage } from "./incident_message.ts";
import type { Incident } from "../schema/incident.ts";

const incident: Incident = {
  id: "inc1",
  title: "<b>ShopApp</b> & login",
  category: "technical",
  keywords: [],
  products: [],
  subcategories: [],
  status: "open",
  memberCount: 6,
  customerCount: 5,
  firstAt: "2026-05-12T09:05:00.000Z",
  lastAt: "2026-05-12T09:40:00.000Z",
  createdAt: "2026-05-12T09:40:00.000Z",
  updatedAt: "2026-05-12T09:40:00.000Z",
};

Deno.test("the incident alert counts customers, escapes the title and links the incident page", () => {
  const text = incidentMessage(incident, "https://triage.example/");
  assert.match(text, /Incident: 5 customers report &lt;b&gt;ShopApp&lt;\/b&gt; &amp; login/);
  assert.match(text, /6 complaints · 09:05–09:40 UTC/);
  assert.ok(text.includes('href="https://triage.example/incidents/inc1"'));
  assert.equal(incidentLink(undefined, "a b"), "/incidents/a%20b");
});

Deno.test("a resolved incident's alert says who resolved it and the note", () => {
  const text = incidentMessage({
    ...incident,
    status: "resolved",
    resolvedBy: "bea@example.com",
    note: "Fixed in <4.2.1>",
  });
  assert.match(text, /Incident resolved: 5 customers reported/);
  assert.match(text, /Resolved by bea@example\.com: Fixed in &lt;4\.2\.1&gt;/);
});
