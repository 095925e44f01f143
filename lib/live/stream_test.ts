import assert from "node:assert/strict";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { EventBus } from "./bus.ts";
import { pipeEvents } from "./stream.ts";
import { until } from "../../test/support/wait.ts";

Deno.test("a stream says ready, forwards each event, and ends when the bus closes", async () => {
  const bus = new EventBus();
  const app = new Hono();
  app.get("/events", (c) => streamSSE(c, (s) => pipeEvents(bus, s)));
  const res = await app.request("/events");
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("event: ready")) text += (await reader.read()).value ?? "";
  bus.publish({
    type: "complaint",
    change: "created",
    id: "c1",
    subject: "Kettle",
    status: "new",
    priority: "high",
    assignee: null,
    at: "2026-05-01T10:00:00Z",
  });
  while (!text.includes('"id":"c1"')) text += (await reader.read()).value ?? "";
  assert.match(text, /event: complaint\ndata: \{"type":"complaint","change":"created","id":"c1"/);
  bus.close();
  for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
  await until(() => bus.listeners === 0, 1_000, "the stream to unsubscribe");
});

Deno.test("a client that stopped reading does not hold the subscription once the bus closes", async () => {
  const bus = new EventBus();
  const app = new Hono();
  app.get("/events", (c) => streamSSE(c, (s) => pipeEvents(bus, s)));
  const res = await app.request("/events");
  const reader = res.body!.getReader();
  await reader.read(); // "ready"; then it reads no more
  for (let i = 0; i < 3; i++) {
    bus.publish({
      type: "complaint",
      change: "updated",
      id: `c${i}`,
      subject: "",
      status: "new",
      priority: "low",
      assignee: null,
      at: "",
    });
  }
  bus.close();
  await until(() => bus.listeners === 0, 1_000, "the stream to unsubscribe");
  await reader.cancel();
});
