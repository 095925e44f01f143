// Cloudflare Email Worker: Email Routing hands each message to `email()`; we forward its raw
// bytes to the ingest function, signed like the poller's posts. Deploy notes: poller/README.md.
import { deliver } from "./src/deliver.js";

/**
 * @typedef {object} ForwardableEmailMessage the part of Cloudflare's message object we use
 * @property {string} from
 * @property {string} to
 * @property {ReadableStream<Uint8Array>} raw
 * @property {number} rawSize
 * @property {(reason: string) => void} setReject
 */

/**
 * @typedef {object} Env
 * @property {string} INGEST_URL e.g. https://example.com/functions/v1/ingest
 * @property {string} INGEST_TOKEN the product's ingest secret (a Worker secret)
 */

/**
 * Read a stream fully (the signature covers the whole body, so it cannot be streamed through).
 * @param {ReadableStream<Uint8Array>} stream
 * @returns {Promise<Uint8Array>}
 */
export async function readAll(stream) {
  /** @type {Uint8Array[]} */
  const chunks = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export default {
  /**
   * Accepted: done. Refused for good (413, 422): the sender gets a bounce with the reason.
   * Anything else: throw, so the delivery fails temporarily and the sending server retries.
   * @param {ForwardableEmailMessage} message
   * @param {Env} env
   * @param {unknown} _ctx
   */
  async email(message, env, _ctx) {
    const body = await readAll(message.raw);
    const result = await deliver({
      url: env.INGEST_URL,
      secret: env.INGEST_TOKEN,
      body,
      timeoutMs: 25_000,
    });
    if (result.outcome === "accepted") return;
    if (result.outcome === "rejected") {
      message.setReject(
        `Message refused by the complaint inbox: ${result.reason}`,
      );
      return;
    }
    throw new Error(
      `ingest unavailable (${result.reason}); delivery will be retried`,
    );
  },
};
