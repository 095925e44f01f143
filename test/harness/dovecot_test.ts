import assert from "node:assert/strict";
import { ImapFlow } from "imapflow";
import { startDovecot } from "./dovecot.ts";
import { findBinary, skipUnless } from "./require.ts";

const message = [
  "From: Customer <customer@example.org>",
  "To: Complaints <agent@example.com>",
  "Subject: Broken parcel",
  "Message-ID: <harness-1@example.org>",
  "Date: Mon, 01 Jan 2024 10:00:00 +0000",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "The parcel arrived broken.",
  "",
].join("\r\n");

Deno.test({
  name: "startDovecot accepts an imapflow login, an APPEND, and a FETCH of the same message",
  ignore: skipUnless("dovecot", !!findBinary("dovecot", ["/usr/sbin/dovecot"])),
  fn: async () => {
    const imap = await startDovecot();
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      auth: { user: imap.user, pass: imap.pass },
      logger: false,
    });
    try {
      await client.connect();
      const appended = await client.append("INBOX", message, ["\\Seen"]);
      assert.ok(appended, "APPEND returned no result");
      const lock = await client.getMailboxLock("INBOX");
      try {
        const fetched = await client.fetchOne("*", { source: true, envelope: true });
        assert.ok(fetched, "FETCH returned nothing");
        assert.equal(fetched.envelope?.subject, "Broken parcel");
        assert.equal(new TextDecoder().decode(fetched.source), message);
      } finally {
        lock.release();
      }
      await client.logout();
      const refused = new ImapFlow({
        host: imap.host,
        port: imap.port,
        secure: false,
        auth: { user: imap.user, pass: "wrong" },
        logger: false,
      });
      await assert.rejects(refused.connect());
      refused.close();
    } finally {
      client.close();
      await imap.stop();
    }
  },
});
