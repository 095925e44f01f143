import assert from "node:assert/strict";
import { GrammyError } from "grammy";
import { retryAfterSeconds } from "./retry_after.ts";

Deno.test("a grammY 429 gives Telegram's retry_after; other errors give nothing", () => {
  const tooMany = new GrammyError(
    "Call to 'sendMessage' failed!",
    {
      ok: false,
      error_code: 429,
      description: "Too Many Requests",
      parameters: { retry_after: 7 },
    },
    "sendMessage",
    {},
  );
  assert.equal(retryAfterSeconds(tooMany), 7);
  const badRequest = new GrammyError(
    "Call to 'sendMessage' failed!",
    { ok: false, error_code: 400, description: "Bad Request", parameters: {} },
    "sendMessage",
    {},
  );
  assert.equal(retryAfterSeconds(badRequest), undefined);
  assert.equal(retryAfterSeconds(new Error("network down")), undefined);
  assert.equal(retryAfterSeconds(null), undefined);
});
