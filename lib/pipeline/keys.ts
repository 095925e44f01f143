/**
 * Key formats of the pipeline, owned here: the processed-email key a message is claimed under
 * and the blob keys its raw bytes and attachments are stored at.
 */

import type { ProcessedEmail } from "../schema/complaint.ts";

/** Where an email entered: a mailbox/webhook, or a person through `/test` or the API. */
export type IngestSource = "email" | "manual";

const MANUAL = "manual:";

/**
 * The key a message is claimed under: its Message-ID when it has one (so resends with other
 * trace headers find their first copy), else the SHA-256 of its bytes.
 */
export function ingestKey(source: IngestSource, messageId: string | undefined, sha256: string) {
  return `${source === "manual" ? MANUAL : ""}${
    messageId ? messageIdKey(messageId) : `sha:${sha256}`
  }`;
}

/** The claim key of a message by its Message-ID (without <>), as threading looks it up. */
export function messageIdKey(messageId: string): string {
  return `mid:${messageId}`;
}

/**
 * The claim key of a different message that reuses `claimKey`'s Message-ID: the first claim keeps
 * the plain key, each other message gets one named by its own content fingerprint, so its own
 * resends still find it.
 */
export function reusedMessageIdKey(claimKey: string, fingerprint: string): string {
  return `${claimKey}#${fingerprint.slice(0, 32)}`;
}

/**
 * The id a complaint is stored (and de-duplicated) under: its Message-ID; for a message that
 * reused another's Message-ID, that id with this message's fingerprint; without one, its SHA-256.
 */
export function complaintMessageId(
  claim: Pick<ProcessedEmail, "key" | "messageId" | "sha256" | "messageIdReuseOf">,
): string {
  if (!claim.messageId) return `sha256:${claim.sha256}`;
  if (!claim.messageIdReuseOf) return claim.messageId;
  return `${claim.messageId}${claim.key.slice(claim.key.lastIndexOf("#"))}`;
}

/** Where an ingest key says the message came from. */
export function sourceOfKey(key: string): IngestSource {
  return key.startsWith(MANUAL) ? "manual" : "email";
}

/** The folders of the blob store: raw emails, attachments, extraction records, unsent mail. */
export const BLOB_PREFIXES = {
  raw: "raw/",
  attachment: "att/",
  extraction: "extract/",
  outbox: "outbox/",
} as const;

/** Blob key of a raw email by the SHA-256 of its bytes. */
export function rawBlobKey(sha256: string): string {
  return `${BLOB_PREFIXES.raw}${sha256.slice(0, 2)}/${sha256}.eml`;
}

/**
 * Blob key of what extraction read from a file: by the SHA-256 of its bytes and a tag of the
 * settings that shape the result, so other limits or a new extractor version read it anew.
 */
export function extractionBlobKey(sha256: string, settingsTag: string): string {
  return `${BLOB_PREFIXES.extraction}${sha256.slice(0, 2)}/${sha256}-${settingsTag}.json`;
}

/** Blob key of an attachment by the SHA-256 of its bytes (shared by every mail that carries it). */
export function attachmentBlobKey(sha256: string): string {
  return `${BLOB_PREFIXES.attachment}${sha256.slice(0, 2)}/${sha256}`;
}

/**
 * Blob key of an outbound message kept in the outbox (no SMTP configured), by its Message-ID:
 * characters a path or an S3 key would trip over become `_`.
 */
export function outboxBlobKey(messageId: string): string {
  return `${BLOB_PREFIXES.outbox}m${messageId.replace(/[^A-Za-z0-9._-]/g, "_")}.eml`;
}
