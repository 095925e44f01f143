/** Metadata of a stored object. */
export interface BlobInfo {
  key: string;
  size: number;
  contentType?: string;
}

/** The blob store port: raw emails and attachments, content-addressed by SHA-256. */
export interface BlobStore {
  readonly name: string;
  init(): Promise<void>;
  /**
   * Write durably; resolves only once the bytes are safe. Keys name their content (a hash, a
   * Message-ID), so putting a key again is harmless and keeps one object: an adapter may skip
   * the write (S3 asks first, saving the upload) or make it again (the local folder). A key whose
   * bytes change is deleted before it is written again.
   */
  put(key: string, bytes: Uint8Array, contentType?: string): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  list(prefix: string): AsyncIterable<BlobInfo>;
  /** A URL a browser may GET for a limited time, or null when the store serves bytes itself. */
  presignedUrl(key: string, filename: string, ttlSeconds?: number): Promise<string | null>;
  /** Release what the store holds open (the composition root calls it at shutdown). */
  close?(): Promise<void>;
}
