import type { BlobStore } from "./port.ts";
import { BLOB_PREFIXES } from "../pipeline/keys.ts";

/** Object count and total size. */
export interface Usage {
  objects: number;
  bytes: number;
}

/**
 * What the blob store holds, by kind: raw emails (`raw/`), attachments (`att/`), extraction
 * records (`extract/`), unsent mail (`outbox/`), anything else.
 */
export interface StorageStats extends Usage {
  byKind: { raw: Usage; attachment: Usage; extraction: Usage; outbox: Usage; other: Usage };
}

/**
 * Count every object and byte in the blob store, by kind (from the key prefix). Walks the whole
 * listing: cost grows with the number of objects (S3 lists 1000 keys per request).
 */
export async function storageStats(blobs: Pick<BlobStore, "list">): Promise<StorageStats> {
  const zero = (): Usage => ({ objects: 0, bytes: 0 });
  const stats: StorageStats = {
    ...zero(),
    byKind: {
      raw: zero(),
      attachment: zero(),
      extraction: zero(),
      outbox: zero(),
      other: zero(),
    },
  };
  const kinds = Object.entries(BLOB_PREFIXES) as [keyof typeof BLOB_PREFIXES, string][];
  for await (const { key, size } of blobs.list("")) {
    const kind = kinds.find(([, prefix]) => key.startsWith(prefix))?.[0] ?? "other";
    for (const usage of [stats, stats.byKind[kind]]) {
      usage.objects++;
      usage.bytes += size;
    }
  }
  return stats;
}
