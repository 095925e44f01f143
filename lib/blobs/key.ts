// The same rule as the local store's: relative, slash-separated, no dot segments, no leading "/".
const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/**
 * Throw unless `key` is a blob key every adapter accepts. S3 would store "../x" happily; refusing
 * it everywhere keeps adapters interchangeable.
 */
export function assertBlobKey(key: string): string {
  if (
    typeof key !== "string" || !KEY.test(key) || key.split("/").some((p) => p === "." || p === "..")
  ) {
    throw new Error(`invalid blob key: ${key}`);
  }
  return key;
}
