import assert from "node:assert/strict";
import { startMailpit } from "./mailpit.ts";
import { findBinary, skipUnless } from "./require.ts";

Deno.test({
  name: "startMailpit accepts SMTP on its port and shows the message through its HTTP API",
  ignore: skipUnless("mailpit", !!findBinary("mailpit")),
  fn: async () => {
    const mp = await startMailpit();
    try {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: mp.smtpPort });
      const enc = new TextEncoder();
      const dec = new TextDecoder();
      const buf = new Uint8Array(4096);
      const read = async () => dec.decode(buf.subarray(0, (await conn.read(buf)) ?? 0));
      const say = async (line: string) => {
        await conn.write(enc.encode(`${line}\r\n`));
        return await read();
      };
      assert.match(await read(), /^220/);
      assert.match(await say("HELO test"), /^250/);
      assert.match(await say("MAIL FROM:<a@example.org>"), /^250/);
      assert.match(await say("RCPT TO:<b@example.org>"), /^250/);
      assert.match(await say("DATA"), /^354/);
      assert.match(
        await say("Subject: harness\r\nMessage-ID: <h1@example.org>\r\n\r\nhello\r\n."),
        /^250/,
      );
      await say("QUIT");
      conn.close();
      const [m] = await mp.waitFor(1);
      assert.equal(m.Subject, "harness");
      assert.equal(m.MessageID, "h1@example.org");
      const headers = await mp.headers(m.ID);
      assert.deepEqual(headers["Message-Id"] ?? headers["Message-ID"], ["<h1@example.org>"]);
    } finally {
      await mp.stop();
    }
  },
});
