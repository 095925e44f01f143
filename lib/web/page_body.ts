import { readBodyCapped } from "../http/body.ts";
import { HttpError } from "../http/errors.ts";

/**
 * The largest body a page request may carry. Pages only take small forms (login, logout, a CSRF
 * token); anything bigger is refused with 413 before it is buffered, so an anonymous client
 * cannot make the server hold a large upload. Uploads go to the JSON API, which has its own caps.
 */
export const PAGE_BODY_MAX_BYTES = 64 * 1024;

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

function tooLarge(max: number): HttpError {
  return new HttpError(413, "payload_too_large", `A form may carry at most ${max} bytes.`);
}

/** Whether an error means the body passed the cap (from the capped stream or the reader). */
function isTooLarge(err: unknown): err is HttpError {
  return err instanceof HttpError && err.status === 413;
}

/**
 * Put a page request's body on a leash before any middleware or route sees it: a declared
 * `Content-Length` over `max` is refused at once without reading a byte (the 413 is thrown), and
 * an undeclared (chunked) body is wrapped in a stream that fails with 413 as soon as it passes
 * `max`, so whoever reads it — `readPageForm` or a plain `req.formData()` — never buffers more.
 */
export function capPageBody(req: Request, max = PAGE_BODY_MAX_BYTES): Request {
  if (!req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    req.body.cancel().catch(() => {});
    throw tooLarge(max);
  }
  let seen = 0;
  const capped = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(tooLarge(max));
        else controller.enqueue(chunk);
      },
    }),
  );
  // Not passing req.signal: reading it makes Deno.serve warn, and no page handler uses it.
  return new Request(req.url, { method: req.method, headers: req.headers, body: capped });
}

/**
 * A page form's fields, read through the cap: null when the body is not a form or does not
 * parse (the caller's own checks then refuse it), HttpError 413 when it is over `max`.
 */
export async function readPageForm(
  req: Request,
  max = PAGE_BODY_MAX_BYTES,
): Promise<FormData | null> {
  const type = req.headers.get("content-type") ?? "";
  if (!FORM_TYPE.test(type)) return null;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyCapped(req, max);
  } catch (err) {
    if (isTooLarge(err)) throw tooLarge(max);
    return null; // the client went away mid-body: nothing to act on
  }
  try {
    return await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": type },
    }).formData();
  } catch {
    return null;
  }
}
