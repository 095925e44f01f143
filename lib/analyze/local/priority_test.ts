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

Deno.test("suggestions and remarks that ask for nothing are low", () => {
  assert.equal(p("Love the app. Any plans for a dark mode? Just suggestions :)"), "low");
  assert.equal(p("Not a complaint really, just a wish: could couriers call earlier?"), "low");
  assert.equal(p("Просто к сведению: каталог грузится долго. Не критично."), "low");
});

Deno.test("a remedy asked as a question is medium, not low", () => {
  assert.equal(p("The jacket colour looks brown. Is it possible to exchange it?"), "medium");
  assert.equal(p("The app hangs on the logo and never loads. Is there a fix?"), "medium");
});

Deno.test("chasing by ordinal, reply chain or time waited is high", () => {
  assert.equal(p("This is the fourth time I am writing. Still no label."), "high");
  assert.equal(p("3rd email - my parcel is stuck. Hello again, nothing has changed."), "high");
  assert.equal(p("Ақша қайтарылмады. Бір айға жуық уақыт өтті!"), "high");
});

Deno.test("anger with a real failure is high, an angry question is not", () => {
  assert.equal(
    p("The laptop died again, it won't power on. This is ridiculous, I'm so angry."),
    "high",
  );
  assert.notEqual(
    p("WHY is this impossible to find?! Honestly unbelievable!!! What time do you close?"),
    "high",
  );
});

Deno.test("an account taken over and orders not placed are critical", () => {
  assert.equal(p("Someone got into my account and placed orders I did not place."), "critical");
});

Deno.test("a modal question asking for an action is a request, an information question is low", () => {
  assert.equal(p("Я потерял гарантийный талон. Можно ли получить дубликат?"), "medium");
  assert.equal(p("How long does a refund take? And will I get an SMS when it is done?"), "low");
});

Deno.test("a closing thank-you is politeness, not praise that lowers priority", () => {
  assert.equal(p("Чайник протекает снизу, лужа на столе. Заранее благодарю."), "medium");
});

Deno.test("an overdue refund is money lost", () => {
  assert.equal(
    p("I returned it three weeks ago and the refund has not arrived. Unacceptable."),
    "high",
  );
});

Deno.test("a lock with something urgent is high; a lock alone is a medium problem", () => {
  const signals = detectSignals("My account was locked yesterday and I cannot get in.");
  assert.equal(decidePriority(signals).priority, "medium");
  assert.equal(decidePriority({ ...signals, urgent: 1 }).priority, "high");
});
