/** The line that separates a signature from the message (RFC 3676's "-- "). */
export const SIGNATURE_DELIMITER = "-- ";

/**
 * A reply with the agent's signature under it, after the usual "-- " line; unchanged without a
 * signature or when the text already ends with it (the agent pasted it).
 */
export function withSignature(text: string, signature: string | undefined): string {
  const sig = (signature ?? "").trim();
  if (!sig || text.trimEnd().endsWith(sig)) return text;
  return `${text.trimEnd()}\n\n${SIGNATURE_DELIMITER}\n${sig}`;
}
