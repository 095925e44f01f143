/**
 * Peak RSS and speed of parsing many large mails: stock postal-mime (which joins body chunks
 * through `Blob`) against lib/mime's parseEmail (chunks joined as plain Uint8Array).
 * Each path runs in its own child process so one's heap cannot inflate the other's peak.
 *
 *   deno run -A bench/parse_rss.ts [--mails=300] [--size-mb=2]
 */
import PostalMime from "postal-mime";
import { parseEmail } from "../lib/mime/parse.ts";

type Mode = "naive" | "fixed";

function arg(name: string, fallback: number): number {
  const hit = Deno.args.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

/** A multipart mail of about `sizeMb` MB: text, HTML and two base64 attachments. */
function makeMail(seed: number, sizeMb: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor((sizeMb * 1024 * 1024 * 3) / 4));
  let x = seed * 2654435761 >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1664525 + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  const b64 = (b: Uint8Array) => {
    let bin = "";
    for (let i = 0; i < b.length; i += 8192) bin += String.fromCharCode(...b.subarray(i, i + 8192));
    return btoa(bin).replace(/.{76}/g, "$&\r\n");
  };
  const half = bytes.length >> 1;
  const mail = [
    `From: Customer ${seed} <c${seed}@example.kz>`,
    "To: support@example.kz",
    `Subject: Complaint ${seed} with scans`,
    `Message-ID: <bench-${seed}@example.kz>`,
    "Date: Tue, 1 Sep 2026 10:00:00 +0500",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="BOUND"',
    "",
    "--BOUND",
    'Content-Type: multipart/alternative; boundary="ALT"',
    "",
    "--ALT",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Order ZE-2026-${seed} arrived broken. Photos attached.`,
    "--ALT",
    "Content-Type: text/html; charset=utf-8",
    "",
    `<p>Order <b>ZE-2026-${seed}</b> arrived broken.</p>`,
    "--ALT--",
    "--BOUND",
    'Content-Type: image/jpeg; name="photo.jpg"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="photo.jpg"',
    "",
    b64(bytes.subarray(0, half)),
    "--BOUND",
    'Content-Type: application/pdf; name="receipt.pdf"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="receipt.pdf"',
    "",
    b64(bytes.subarray(half)),
    "--BOUND--",
    "",
  ].join("\r\n");
  return new TextEncoder().encode(mail);
}

async function runChild(mode: Mode, mails: number, sizeMb: number): Promise<void> {
  const distinct = Array.from({ length: 8 }, (_, i) => makeMail(i + 1, sizeMb));
  let peak = Deno.memoryUsage().rss;
  let attachmentBytes = 0;
  const start = performance.now();
  for (let i = 0; i < mails; i++) {
    const raw = distinct[i % distinct.length];
    if (mode === "naive") {
      const email = await PostalMime.parse(raw);
      for (const a of email.attachments) attachmentBytes += (a.content as ArrayBuffer).byteLength;
    } else {
      const email = await parseEmail(raw);
      for (const a of email.attachments) attachmentBytes += a.content.byteLength;
    }
    peak = Math.max(peak, Deno.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(JSON.stringify({
    mode,
    mails,
    mailMb: Number((distinct[0].length / 1024 / 1024).toFixed(2)),
    seconds: Number(seconds.toFixed(2)),
    mailsPerSecond: Number((mails / seconds).toFixed(1)),
    peakRssMb: Math.round(peak / 1024 / 1024),
    attachmentMb: Math.round(attachmentBytes / 1024 / 1024),
  }));
}

async function main(): Promise<void> {
  const mails = arg("mails", 300);
  const sizeMb = arg("size-mb", 2);
  const child = Deno.args.find((a) => a.startsWith("--child="))?.split("=")[1] as Mode | undefined;
  if (child) return runChild(child, mails, sizeMb);

  const results: Record<string, { peakRssMb: number; mailsPerSecond: number }> = {};
  for (const mode of ["fixed", "naive"] as Mode[]) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL(import.meta.url).pathname,
        `--child=${mode}`,
        `--mails=${mails}`,
        `--size-mb=${sizeMb}`,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    const line = new TextDecoder().decode(out.stdout).trim().split("\n").pop() ?? "{}";
    console.log(line);
    results[mode] = JSON.parse(line);
  }
  console.log(
    `peak RSS: fixed ${results.fixed.peakRssMb} MB vs naive ${results.naive.peakRssMb} MB; ` +
      `speed: fixed ${results.fixed.mailsPerSecond}/s vs naive ${results.naive.mailsPerSecond}/s`,
  );
}

if (import.meta.main) await main();
