/** One mailbox from an address header; `name` is "" when the header gave none. */
export interface ParsedAddress {
  email: string;
  name: string;
}

/** A non-body MIME part, decoded to bytes. */
export interface ParsedAttachment {
  /** Decoded (RFC 2231/2047); generated ("attachment-1.bin", "image-1.png") when absent. */
  filename: string;
  /** Lowercased, no parameters. */
  contentType: string;
  content: Uint8Array;
  /** Content-ID without the angle brackets. */
  contentId?: string;
  disposition: "attachment" | "inline" | null;
  /** Part of a multipart/related (an inline `cid:` resource such as an image). */
  related: boolean;
}

/** What the parse stage hands to the rest of the pipeline. */
export interface ParsedEmail {
  /** Without <>, trimmed. */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  from: ParsedAddress | null;
  replyTo: ParsedAddress[];
  to: ParsedAddress[];
  cc: ParsedAddress[];
  /** RFC 2047 decoded, whitespace-normalised. */
  subject: string;
  /** ISO 8601, only when the Date header parses. */
  date?: string;
  /** Clean body text: text/plain preferred, else HTML converted to text. */
  text: string;
  /** Sanitized HTML for display ("" when there is no HTML part). */
  html: string;
  attachments: ParsedAttachment[];
  /** Lowercased name → first value, decoded. */
  headers: Record<string, string>;
  /** What was malformed or recovered. */
  warnings: string[];
}
