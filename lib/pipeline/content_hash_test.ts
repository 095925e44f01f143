import assert from "node:assert/strict";
import { contentHash, normalizeBody, normalizeSubject } from "./content_hash.ts";

const FROM = "anna@example.test";
const BODY = "My kettle arrived broken.\nOrder ZE-2026-031842.\nPlease refund.";

Deno.test("reply and forward prefixes are stripped from the subject", () => {
  for (
    const s of [
      "Broken kettle",
      "Re: Broken kettle",
      "RE: Broken kettle",
      "Fwd: Broken kettle",
      "Fw: Broken kettle",
      "FW: Re: Broken kettle",
      "Re[2]: Broken kettle",
      "Отв: Broken kettle",
      "Re: Fwd: Отв: Broken kettle",
      "  re :  Broken   kettle ",
    ]
  ) assert.equal(normalizeSubject(s), "broken kettle", s);
});

Deno.test("a prefix-like word inside the subject is kept", () => {
  assert.equal(normalizeSubject("Refund: not received"), "refund: not received");
  assert.equal(normalizeSubject("Broken re: kettle"), "broken re: kettle");
});

Deno.test("a reply's subject gives the same hash as the original", async () => {
  assert.equal(
    await contentHash(FROM, "Re: Fwd: Broken kettle", BODY),
    await contentHash(FROM, "Broken kettle", BODY),
  );
  assert.equal(
    await contentHash(FROM, "Отв: Сломан чайник", BODY),
    await contentHash(FROM, "Сломан чайник", BODY),
  );
});

Deno.test("quoted lines are ignored", async () => {
  const quoted = `${BODY}\n> earlier message\n>> older still\n  > indented quote`;
  assert.equal(await contentHash(FROM, "s", quoted), await contentHash(FROM, "s", BODY));
});

Deno.test("an 'On … wrote:' attribution and everything after it are ignored", async () => {
  const english = `${BODY}\n\nOn Mon, 1 Sep 2026 at 10:00, Support <help@shop.test> wrote:\n` +
    "Thank you for contacting us\nunquoted old text";
  const russian = `${BODY}\n\n1 сентября 2026 г., 10:00 Support <help@shop.test> написал:\n` +
    "старый текст";
  const original = `${BODY}\n-----Original Message-----\nFrom: x`;
  const base = await contentHash(FROM, "s", BODY);
  assert.equal(await contentHash(FROM, "s", english), base);
  assert.equal(await contentHash(FROM, "s", russian), base);
  assert.equal(await contentHash(FROM, "s", original), base);
});

Deno.test("a signature after '-- ' is ignored", async () => {
  const signed = `${BODY}\n-- \nAnna Petrova\n+7 701 000 0000`;
  assert.equal(await contentHash(FROM, "s", signed), await contentHash(FROM, "s", BODY));
});

Deno.test("whitespace and letter case differences give the same hash", async () => {
  const messy = "  my KETTLE arrived   broken.\n\n\nOrder ze-2026-031842.\t\nPLEASE refund.  ";
  assert.equal(await contentHash(FROM, "s", messy), await contentHash(FROM, "s", BODY));
  assert.equal(
    await contentHash(" Anna@Example.TEST ", "BROKEN  kettle", BODY),
    await contentHash(FROM, "broken kettle", BODY),
  );
});

Deno.test("a different body, subject or sender gives a different hash", async () => {
  const base = await contentHash(FROM, "Broken kettle", BODY);
  assert.match(base, /^[0-9a-f]{64}$/);
  assert.notEqual(await contentHash(FROM, "Broken kettle", BODY.replace("031842", "031843")), base);
  assert.notEqual(await contentHash(FROM, "Broken toaster", BODY), base);
  assert.notEqual(await contentHash("boris@example.test", "Broken kettle", BODY), base);
});

Deno.test("text mentioning 'wrote' mid-sentence is kept", () => {
  assert.equal(
    normalizeBody("I wrote: please call me\nthanks"),
    "i wrote: please call me thanks",
  );
});

Deno.test({
  name: "a CRLF body hashes like its LF form, signature included",
  async fn() {
    const signed = `${BODY}\n-- \nAnna Petrova`.replaceAll("\n", "\r\n");
    assert.equal(await contentHash(FROM, "s", signed), await contentHash(FROM, "s", BODY));
  },
});
