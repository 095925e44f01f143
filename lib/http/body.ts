import { HttpError } from "./errors.ts";
import type { ByteBudget } from "../byte_budget.ts";

/**
 * Read a request body into memory, refusing with 413 as soon as it passes `max` bytes — by
 * Content-Length before reading anything, else while streaming — so no oversized body is buffered.
 */
export async function readBodyCapped(req: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new HttpError(413, "payload_too_large", `Body exceeds the limit of ${max} bytes`);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    // Not awaited: cancelling one branch of a cloned (teed) body settles only once the other
    // branch is cancelled too, which may never happen.
    req.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!req.body) return new Uint8Array(0);
  // With a declared length the bytes go straight into one buffer of that size, so a large body
  // is held once, not once in chunks and again joined.
  const out = new Uint8Array(Number.isFinite(declared) ? declared : 0);
  let filled = 0; // bytes in `out`; the rest, past a wrong or missing declaration, in `chunks`
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      reader.cancel().catch(() => {}); // not awaited, as above
      throw tooLarge();
    }
    if (chunks.length === 0 && size <= out.length) {
      out.set(value, filled);
      filled = size;
    } else chunks.push(value);
  }
  if (chunks.length === 0) return filled === out.length ? out : out.subarray(0, filled);
  const joined = new Uint8Array(size);
  joined.set(out.subarray(0, filled));
  let offset = filled;
  for (const c of chunks) {
    joined.set(c, offset);
    offset += c.length;
  }
  return joined;
}

/**
 * Hold a request body's size (`max` when it is not declared) against a memory budget until the
 * returned release is called; when it does not fit, throw 503 with Retry-After, so a burst of
 * large posts is turned away (senders retry) instead of buffered past what the process holds.
 * A body declared over `max` holds nothing: `readBodyCapped` refuses it without reading.
 */
export function reserveBody(req: Request, budget: ByteBudget, max: number): () => void {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > max) return () => {};
  const release = budget.tryReserve(Number.isFinite(declared) && declared >= 0 ? declared : max);
  if (!release) {
    throw new HttpError(503, "busy", "Too many emails are being received at once; retry shortly", {
      "Retry-After": "2",
    });
  }
  return release;
}
