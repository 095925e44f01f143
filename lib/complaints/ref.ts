/**
 * A complaint's short reference: the last six characters of its id (random Crockford base32),
 * uppercased. Agents put `[#REF]` in reply subjects; replies that keep it join the thread.
 */
export function refFor(id: string): string {
  return id.slice(-6).toUpperCase();
}

const TOKEN = /\[#([0-9A-HJKMNP-TV-Z]{6})\]/i;

/** The reference a subject carries as `[#REF]`, or null. */
export function refFromSubject(subject: string): string | null {
  const match = TOKEN.exec(subject);
  return match ? match[1].toUpperCase() : null;
}
