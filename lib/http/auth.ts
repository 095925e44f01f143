import { timingSafeEqual } from "../crypto.ts";

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Whether the request carries exactly this bearer token (constant-time comparison). */
export function hasBearer(req: Request, token: string): boolean {
  const given = bearerToken(req);
  return given !== null && timingSafeEqual(given, token);
}
