import assert from "node:assert/strict";
import { decidePriority } from "./priority.ts";
import { detectSignals } from "./signals.ts";

const p = (text: string) => decidePriority(detectSignals(text)).priority;

Deno.test("safety, legal threats and fraud are critical", () => {
  assert.equal(p("The heater caught fire last night."), "critical");
  assert.equal(p("My lawyer will file a lawsuit."), "critical");
  assert.equal(p("Это мошенничество, деньги списали без моего согласия."), "critical");
});

Deno.test("money lost now, blocked service and angry repeat contact are high", () => {
  assert.equal(p("I was charged twice and now I cannot pay my rent."), "high");
  assert.equal(p("This is my third email and still no reply. Unacceptable!"), "high");
  assert.equal(p("I am locked out of my account and cannot pay the instalment due today."), "high");
});

Deno.test("a plain problem is medium", () => {
  assert.equal(p("The dishwasher does not drain. Please send a technician."), "medium");
});

Deno.test("questions, praise, auto-replies and newsletters are low", () => {
  assert.equal(p("Do you sell gift cards? What are your opening hours?"), "low");
  assert.equal(p("I wanted to say thank you, the staff were excellent."), "low");
  assert.equal(p("I am out of the office until Monday."), "low");
  assert.equal(p("Weekly news. Unsubscribe here."), "low");
});
