import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { BlobInfo, BlobStore } from "./port.ts";
import { assertBlobKey } from "./key.ts";
import { UnavailableError } from "../errors.ts";
import { contentDisposition } from "../http/content_disposition.ts";

/** Where the S3 store writes; credentials fall back to the SDK's default chain when absent. */
export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** A non-AWS endpoint (MinIO, s3rver…): path-style addressing is used with it. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Lifetime of presigned download URLs. */
  presignSeconds?: number;
  /**
   * The endpoint as agents' browsers reach it, when not as the app does (compose: the app says
   * `http://s3:8333`, the host's browser `http://localhost:8333`). Download URLs are signed for it.
   */
  publicEndpoint?: string;
  /** SDK attempts per call (its default is 3); tests lower it to see an outage quickly. */
  maxAttempts?: number;
  /** Milliseconds to open a connection before the attempt fails (SDK default: none). */
  connectionTimeoutMs?: number;
}

const DEFAULT_PRESIGN_SECONDS = 300;

/**
 * The S3 client options the product uses. Checksums only when an operation requires them: with
 * the SDK default, S3-compatible servers such as s3rver store stream bodies with their
 * aws-chunked framing (corrupted).
 */
export function s3ClientConfig(options: S3BlobStoreOptions): S3ClientConfig {
  return {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.accessKeyId && options.secretAccessKey
      ? {
        credentials: {
          accessKeyId: options.accessKeyId,
          secretAccessKey: options.secretAccessKey,
        },
      }
      : {}),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // The SDK's default user agent reads the OS release, which edge runtimes (no --allow-sys)
    // refuse: every request would fail.
    defaultUserAgentProvider: () => Promise.resolve([["inbox-triage"]]),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.connectionTimeoutMs
      ? { requestHandler: { connectionTimeout: options.connectionTimeoutMs } }
      : {}),
  };
}

/**
 * Blob store on S3 (or any S3-compatible server). Keys are content-addressed, so a put of an
 * existing key is skipped: a file is stored once however many complaints share it. Every put asks
 * for server-side encryption (AES256).
 */
export class S3BlobStore implements BlobStore {
  readonly name = "s3";
  readonly #client: S3Client;
  /** Signs download URLs: the client itself, or one for the public endpoint (signing is local). */
  readonly #presigner: S3Client;
  readonly #bucket: string;
  readonly #presignSeconds: number;

  constructor(options: S3BlobStoreOptions) {
    this.#client = new S3Client(s3ClientConfig(options));
    this.#presigner = options.publicEndpoint
      ? new S3Client(s3ClientConfig({ ...options, endpoint: options.publicEndpoint }))
      : this.#client;
    this.#bucket = options.bucket;
    this.#presignSeconds = options.presignSeconds ?? DEFAULT_PRESIGN_SECONDS;
  }

  /** Nothing to create: the bucket is provisioned outside the product. */
  init(): Promise<void> {
    return Promise.resolve();
  }

  /** Release the client's sockets. */
  close(): Promise<void> {
    this.#client.destroy();
    this.#presigner.destroy();
    return Promise.resolve();
  }

  async put(key: string, bytes: Uint8Array, contentType?: string): Promise<void> {
    assertBlobKey(key);
    if (await this.has(key)) return;
    await this.#call((c) =>
      c.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: contentType ?? "application/octet-stream",
          ServerSideEncryption: "AES256",
        }),
      )
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    assertBlobKey(key);
    try {
      const res = await this.#call((c) =>
        c.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }))
      );
      return res.Body ? await res.Body.transformToByteArray() : new Uint8Array(0);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    assertBlobKey(key);
    try {
      await this.#call((c) => c.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key })));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.#call((c) => c.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key })));
  }

  async *list(prefix: string): AsyncIterable<BlobInfo> {
    let token: string | undefined;
    do {
      const page = await this.#call((c) =>
        c.send(
          new ListObjectsV2Command({
            Bucket: this.#bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        )
      );
      for (const o of page.Contents ?? []) {
        if (o.Key !== undefined) yield { key: o.Key, size: Number(o.Size ?? 0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * A GET URL valid for `ttlSeconds` that downloads as an attachment with an opaque type, so the
   * browser never renders a customer's file.
   */
  presignedUrl(key: string, filename: string, ttlSeconds?: number): Promise<string | null> {
    assertBlobKey(key);
    return getSignedUrl(
      this.#presigner,
      new GetObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        ResponseContentDisposition: contentDisposition(filename),
        ResponseContentType: "application/octet-stream",
      }),
      { expiresIn: ttlSeconds ?? this.#presignSeconds },
    );
  }

  async #call<T>(fn: (client: S3Client) => Promise<T>): Promise<T> {
    try {
      return await fn(this.#client);
    } catch (err) {
      throw asUnavailable(err);
    }
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Translate what means S3 is down or refusing (no HTTP answer, a 5xx, throttling) into the
 * domain's `UnavailableError`, the SDK error kept as its cause, so the edge answers 503 without
 * knowing the SDK. A 4xx (a missing key, a bad request) is S3's answer and passes through.
 */
function asUnavailable(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & { $fault?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined || status >= 500 || status === 429 || e.$fault === "server") {
    return new UnavailableError(`S3 is unavailable: ${e.name}: ${e.message}`, { cause: e });
  }
  return e;
}
