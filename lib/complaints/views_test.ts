import assert from "node:assert/strict";
import { builtInViews, currentView } from "./views.ts";

Deno.test("built-in views: My team only with a team, and the current one found whatever the order or page", () => {
  const withTeam = builtInViews("bea@x.test", "logistics");
  assert.ok(withTeam.some((v) => v.id === "my_team" && v.query === "team=logistics"));
  assert.ok(!builtInViews("bea@x.test", "").some((v) => v.id === "my_team"));
  assert.equal(currentView(withTeam, "sla=overdue&page=3&sort=priority")?.id, "overdue");
  assert.equal(currentView(withTeam, "assignee=bea%40x.test")?.id, "mine");
  assert.equal(currentView(withTeam, "")?.id, "all");
  assert.equal(currentView(withTeam, "category=billing"), undefined);
});
