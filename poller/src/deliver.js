import { signatureHeaders } from "./sign.js";

/**
 * @typedef {object} DeliveryResult
 * @property {"accepted" | "rejected" | "retry"} outcome accepted: 2xx; rejected: the ingest
 *   function refused it for good (413, 422); retry: anything else (5xx, network, auth, timeout)
 * @property {number} status HTTP status, 0 when no answer came
 * @property {string} reason a one-line explanation for logs and the rejected mailbox
 */

/** Statuses after which sending the same bytes again can never succeed. */
const PERMANENT = new Set([413, 422]);

/**
 * Classify an HTTP status the way the poller and the Email Worker act on it.
 * @param {number} status
 * @returns {DeliveryResult["outcome"]}
 */
export function classifyStatus(status) {
  if (status >= 200 && status < 300) return "accepted";
  if (PERMANENT.has(status)) return "rejected";
  return "retry";
}

/**
 * POST one raw message (or any body) to `url`, signed with `secret`. Never throws: a network
 * error or timeout is a `retry` result.
 * @param {object} options
 * @param {string} options.url
 * @param {string} options.secret
 * @param {Uint8Array} options.body
 * @param {string} [options.contentType]
 * @param {number} [options.timeoutMs]
 * @param {typeof fetch} [options.fetchImpl]
 * @returns {Promise<DeliveryResult>}
 */
export async function deliver({
  url,
  secret,
  body,
  contentType = "message/rfc822",
  timeoutMs = 60_000,
  fetchImpl = fetch,
}) {
  let res;
  try {
    res = await fetchImpl(url, {
      method: "POST",
      headers: {
        "content-type": contentType,
        ...(await signatureHeaders(secret, body)),
      },
      body: /** @type {Uint8Array<ArrayBuffer>} */ (body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return {
      outcome: "retry",
      status: 0,
      reason: `network: ${describe(error)}`,
    };
  }
  const text = await res.text().catch(() => "");
  const outcome = classifyStatus(res.status);
  return { outcome, status: res.status, reason: reasonOf(res.status, text) };
}

/**
 * @param {number} status
 * @param {string} text
 */
function reasonOf(status, text) {
  try {
    const json = JSON.parse(text);
    if (json?.error?.message) {
      return `${status} ${json.error.code ?? ""}: ${json.error.message}`;
    }
  } catch {
    // not JSON: use the text itself
  }
  return `${status} ${text.slice(0, 200).replace(/\s+/g, " ")}`.trim();
}

/** @param {unknown} error */
export function describe(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = /** @type {{cause?: unknown}} */ (error).cause;
  const code = /** @type {{code?: unknown}} */ (error).code;
  const parts = [error.message, code ? String(code) : ""];
  if (cause instanceof Error) parts.push(cause.message);
  return parts.filter(Boolean).join(": ");
}
