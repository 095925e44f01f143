import assert from "node:assert/strict";
import { startFakeTelegram } from "../../test/fakes/telegram.ts";
import { sampleEmail, startTestApp } from "../../test/support/app.ts";
import { seedAgent } from "../../test/support/agents.ts";
import { until } from "../../test/support/wait.ts";
import { agentMessageFor } from "./agent_messages.ts";

Deno.test("only assignments, customer replies and passed SLAs of an assigned complaint are messages", () => {
  const base = {
    type: "complaint" as const,
    change: "updated" as const,
    id: "c1",
    subject: "Kettle",
    status: "new",
    priority: "high",
    at: "",
  };
  assert.equal(
    agentMessageFor({ ...base, assignee: "bea@x", previousAssignee: null }),
    "Assigned to you: Kettle",
  );
  assert.equal(
    agentMessageFor({ ...base, assignee: "bea@x", action: "reply_received" }),
    "Your customer replied: Kettle",
  );
  assert.equal(
    agentMessageFor({ ...base, assignee: "bea@x", action: "escalated" }),
    "SLA passed: Kettle",
  );
  assert.equal(agentMessageFor({ ...base, assignee: "bea@x", action: "note" }), null);
  assert.equal(agentMessageFor({ ...base, assignee: null, action: "reply_received" }), null);
  assert.equal(
    agentMessageFor({ ...base, assignee: "bea@x", previousAssignee: null, actor: "BEA@x" }),
    null,
    "taking a complaint oneself is no news",
  );
});

Deno.test("an agent who linked Telegram gets a direct message when a complaint is assigned to them", async () => {
  const tg = await startFakeTelegram();
  const app = await startTestApp({
    ...tg.env,
    TELEGRAM_MIN_PRIORITY: "critical",
    TELEGRAM_AGENTS: "4242:bea@x.test",
    PUBLIC_URL: "https://triage.example",
  });
  try {
    await seedAgent(app.ctx, { email: "bea@x.test", role: "agent" });
    const { id } = await (await app.ingest(sampleEmail({ messageId: "dm-1" }))).json();
    const res = await app.api(`/complaints/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ assignee: "bea@x.test" }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    await until(() =>
      tg.calls.some((c) => c.method === "sendMessage" && String(c.params.chat_id) === "4242")
    );
    const dm = tg.calls.find((c) => String(c.params.chat_id) === "4242")!;
    assert.match(dm.params.text, /^Assigned to you: /);
    assert.ok(dm.params.text.includes(`https://triage.example/complaints/${id}`));
  } finally {
    await app.stop();
    await tg.stop();
  }
});
