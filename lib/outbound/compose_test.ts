import assert from "node:assert/strict";
import { composeReply, newMessageId, replySubject, replyText, threadIds } from "./compose.ts";
import { makeComplaint } from "../../test/support/complaints.ts";
import { InvalidError } from "../errors.ts";
import type { ThreadMessage } from "../schema/complaint.ts";

const inbound = (messageId: string): ThreadMessage => ({
  direction: "inbound",
  messageId,
  from: "aida@example.test",
  subject: "Re: x",
  text: "",
  attachments: [],
  receivedAt: "2026-09-07T10:00:00.000Z",
});

Deno.test("the reply subject is Re: + the customer's subject + [#REF], once each", () => {
  const c = { ref: "K7Q2MX" };
  assert.equal(replySubject({ ...c, subject: "Parcel lost" }), "Re: Parcel lost [#K7Q2MX]");
  assert.equal(
    replySubject({ ...c, subject: "RE: Fwd: re: Parcel lost" }),
    "Re: Parcel lost [#K7Q2MX]",
  );
  assert.equal(
    replySubject({ ...c, subject: "Re: Parcel lost [#k7q2mx]" }),
    "Re: Parcel lost [#K7Q2MX]",
    "the reference is not doubled",
  );
  assert.equal(replySubject({ ...c, subject: "" }), "Re: Your message [#K7Q2MX]");
  assert.ok(replySubject({ ...c, subject: "x".repeat(5000) }).length <= 200);
  assert.ok(replySubject({ ...c, subject: "x".repeat(5000) }).endsWith("[#K7Q2MX]"));
});

Deno.test("CR/LF and other control characters in the subject become spaces (no header injection)", () => {
  const s = replySubject({ ref: "K7Q2MX", subject: "Hi\r\nBcc: victim@evil.example\u0000\u2028x" });
  assert.equal(s, "Re: Hi Bcc: victim@evil.example x [#K7Q2MX]");
  assert.ok(!/[\r\n]/.test(s));
});

Deno.test("In-Reply-To is the customer's last message; References the thread without stand-ins", () => {
  const complaint = makeComplaint({ messageId: "c1@example.test" });
  assert.deepEqual(threadIds(complaint), {
    inReplyTo: "c1@example.test",
    references: ["c1@example.test"],
  });
  complaint.messages = [
    inbound("c2@example.test"),
    { ...inbound("r1@shop.example"), direction: "outbound" },
    inbound("sha256:abcd"),
  ];
  assert.deepEqual(threadIds(complaint), {
    inReplyTo: "c2@example.test",
    references: ["c1@example.test", "c2@example.test", "r1@shop.example"],
  });
  assert.deepEqual(threadIds(makeComplaint({ messageId: "sha256:ff" })), {
    inReplyTo: undefined,
    references: [],
  });
});

Deno.test("our Message-ID is unique and at the domain of SUPPORT_FROM", () => {
  const a = newMessageId("Support@Shop.Example");
  assert.match(a, /^[0-9a-f-]{36}@shop\.example$/);
  assert.notEqual(a, newMessageId("support@shop.example"));
});

Deno.test("a reply goes to the customer from SUPPORT_FROM with our id and the thread's headers", () => {
  const complaint = makeComplaint({
    messageId: "c1@example.test",
    subject: "Where is my parcel?",
    ref: "ABC123",
    customer: { email: "aida@example.test", name: "Aida" },
  });
  const mail = composeReply(complaint, { text: "It ships today.\r\nRegards" }, {
    from: "support@shop.example",
    messageId: "m1@shop.example",
  });
  assert.deepEqual(mail, {
    from: "support@shop.example",
    to: "aida@example.test",
    subject: "Re: Where is my parcel? [#ABC123]",
    text: "It ships today.\nRegards",
    messageId: "m1@shop.example",
    inReplyTo: "c1@example.test",
    references: ["c1@example.test"],
    attachments: undefined,
  });
});

Deno.test("an empty or overlong reply, or a customer without an address, is refused as invalid", () => {
  assert.throws(() => replyText("  \n "), InvalidError);
  assert.throws(() => replyText("x".repeat(20_001)), InvalidError);
  const noAddress = makeComplaint({
    customer: { email: "aida@example.test\r\nBcc: x@evil", name: "" },
  });
  assert.throws(
    () => composeReply(noAddress, { text: "hi" }, { from: "s@shop.example", messageId: "m@x" }),
    InvalidError,
  );
});
