// Shared by the poller and the Email Worker: only Web Crypto, so it runs on Node 20 and Workers.

/** Header carrying the unix seconds at which the request was signed. */
export const TIMESTAMP_HEADER = "X-Inbox-Timestamp";
/** Header carrying `v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. */
export const SIGNATURE_HEADER = "X-Inbox-Signature";

const encoder = new TextEncoder();

/**
 * The signature headers for one request body. The ingest function accepts them for five minutes
 * either side of `nowSeconds`, so sign right before sending (and again on each retry).
 * @param {string} secret the ingest token
 * @param {Uint8Array} body the exact bytes that will be sent
 * @param {number} [nowSeconds]
 * @returns {Promise<Record<string, string>>}
 */
export async function signatureHeaders(
  secret,
  body,
  nowSeconds = Math.floor(Date.now() / 1000),
) {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const prefix = encoder.encode(`${nowSeconds}.`);
  const data = new Uint8Array(prefix.length + body.length);
  data.set(prefix);
  data.set(body, prefix.length);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
  const hex = Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
  return {
    [TIMESTAMP_HEADER]: String(nowSeconds),
    [SIGNATURE_HEADER]: `v1=${hex}`,
  };
}
