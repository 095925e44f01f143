import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * @typedef {object} Checkpoint
 * @property {string | null} uidValidity the mailbox's UIDVALIDITY when `lastUid` was written
 * @property {number} lastUid every message with a UID up to this one has been handled
 */

/**
 * Read the checkpoint; a missing or unreadable file means "start from the beginning", which is
 * safe because the ingest function is idempotent.
 * @param {string} file
 * @returns {Promise<Checkpoint>}
 */
export async function loadCheckpoint(file) {
  try {
    const doc = JSON.parse(await readFile(file, "utf8"));
    if (Number.isInteger(doc.lastUid) && doc.lastUid >= 0) {
      return {
        uidValidity: doc.uidValidity == null ? null : String(doc.uidValidity),
        lastUid: doc.lastUid,
      };
    }
  } catch {
    // absent or corrupt: rescan
  }
  return { uidValidity: null, lastUid: 0 };
}

/**
 * Write the checkpoint atomically (temp file then rename) so a crash never leaves half a file.
 * @param {string} file
 * @param {Checkpoint} checkpoint
 */
export async function saveCheckpoint(file, checkpoint) {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(checkpoint)}\n`);
  await rename(tmp, file);
}

/**
 * The new `lastUid` after a scan: just below the lowest UID still waiting, or the highest UID
 * seen when none waits.
 * @param {number} lastUid
 * @param {number[]} seen UIDs above lastUid found in the mailbox this scan
 * @param {Set<number>} waiting UIDs not yet handled (to retry, or not reached)
 */
export function advance(lastUid, seen, waiting) {
  let next = lastUid;
  for (const uid of [...seen].sort((a, b) => a - b)) {
    if (waiting.has(uid)) break;
    next = Math.max(next, uid);
  }
  return next;
}
