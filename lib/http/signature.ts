import type { Cache } from "../cache/port.ts";
import { claimOnce } from "../cache/once.ts";
import { timingSafeEqual } from "../crypto.ts";
import { hasBearer } from "./auth.ts";
import { HttpError } from "./errors.ts";

/** Unix seconds at which the sender signed. */
export const TIMESTAMP_HEADER = "x-inbox-timestamp";
/** `v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`; several comma-separated values allowed. */
export const SIGNATURE_HEADER = "x-inbox-signature";
/** How far a signed timestamp may be from our clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** Hex HMAC-SHA256 of `timestamp + "." + body` under `secret`. */
export async function signatureHex(
  secret: string,
  timestamp: number | string,
  body: Uint8Array,
): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const prefix = enc.encode(`${timestamp}.`);
  const data = new Uint8Array(prefix.length + body.length);
  data.set(prefix);
  data.set(body, prefix.length);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The two headers a signed delivery carries (what the poller and the Email Worker send). */
export async function signatureHeaders(
  secret: string,
  body: Uint8Array,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Record<string, string>> {
  return {
    [TIMESTAMP_HEADER]: String(nowSeconds),
    [SIGNATURE_HEADER]: `v1=${await signatureHex(secret, nowSeconds, body)}`,
  };
}

/** What is left to check once the headers passed: the body's MAC (a no-op for a bearer token). */
export interface IngestAuth {
  readonly method: "bearer" | "signature";
  verifyBody(body: Uint8Array): Promise<void>;
  /**
   * After `verifyBody`: refuse (401) a signed request that was already accepted, for as long as
   * its timestamp is inside the window — the window alone lets a captured request be replayed
   * for five minutes. Each verified MAC is claimed once in the shared cache until its timestamp
   * expires. For endpoints where a repeat is harmful (a heartbeat replayed over a newer one);
   * ingest itself is idempotent by Message-ID. A bearer request has no nonce: nothing to do.
   */
  refuseReplay(cache: Cache): Promise<void>;
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, "unauthorized", message, {
    "WWW-Authenticate": 'Bearer realm="ingest"',
  });
}

/**
 * Authenticate an ingest request by `Authorization: Bearer <secret>` or by an HMAC signature.
 * Headers are checked here, before the body is read, so a stale or unsigned request is refused
 * without buffering it; the MAC itself needs the body, so `verifyBody` finishes the job. The
 * window bounds replays: a captured request is useless five minutes later.
 */
export function authenticateIngest(
  req: Request,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): IngestAuth {
  if (hasBearer(req, secret)) {
    return {
      method: "bearer",
      verifyBody: () => Promise.resolve(),
      refuseReplay: () => Promise.resolve(),
    };
  }
  const timestamp = req.headers.get(TIMESTAMP_HEADER)?.trim() ?? "";
  const given = signatureValues(req.headers.get(SIGNATURE_HEADER) ?? "");
  if (!timestamp || given.length === 0) {
    throw unauthorized("A valid ingest token or request signature is required");
  }
  if (!/^\d{1,12}$/.test(timestamp)) throw unauthorized("The signature timestamp is malformed");
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    throw unauthorized("The signature timestamp is outside the allowed window");
  }
  let verified: string | null = null;
  return {
    method: "signature",
    async verifyBody(body) {
      const expected = await signatureHex(secret, timestamp, body);
      // Check every candidate so the time taken does not reveal which one matched.
      let ok = false;
      for (const value of given) ok = timingSafeEqual(value, expected) || ok;
      if (!ok) throw unauthorized("The request signature does not match");
      verified = expected;
    },
    async refuseReplay(cache) {
      if (verified === null) throw new Error("refuseReplay before verifyBody");
      // Keyed by the MAC we computed, not the header: extra or reordered values change nothing.
      const ttl = Number(timestamp) + SIGNATURE_WINDOW_SECONDS - nowSeconds + 1;
      let first: boolean;
      try {
        first = await claimOnce(cache, `signature/${verified}`, ttl);
      } catch {
        throw new HttpError(503, "unavailable", "Replay check unavailable; retry shortly", {
          "Retry-After": "5",
        });
      }
      if (!first) throw unauthorized("This signed request was already used");
    },
  };
}

function signatureValues(header: string): string[] {
  return header.split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3).toLowerCase());
}
