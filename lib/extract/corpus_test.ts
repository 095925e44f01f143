import assert from "node:assert/strict";
import { parseConfig } from "../config.ts";
import { parseEmail } from "../mime/parse.ts";
import { extractFile } from "./attachment.ts";
import { ExtractPool } from "./pool.ts";

const DEV = new URL("../../../shared/corpus/dev/", import.meta.url);

interface Label {
  file: string;
  attachmentsWithText?: string[];
  entities?: { orderNumbers?: string[] };
}

Deno.test("every dev-corpus attachment labelled as holding text gives text", async () => {
  const labels: Label[] = JSON.parse(await Deno.readTextFile(new URL("labels.json", DEV)));
  const config = parseConfig({ EXTRACT_POOL_SIZE: "2" });
  const pool = new ExtractPool({
    size: 2,
    timeoutMs: config.EXTRACT_TIMEOUT_MS,
    rusTraineddata: config.OCR_RUS_TRAINEDDATA,
  });
  const misses: string[] = [];
  const types = new Set<string>();
  try {
    const jobs = labels.filter((l) => l.attachmentsWithText?.length).map(async (label) => {
      const parsed = await parseEmail(await Deno.readFile(new URL(label.file, DEV)));
      for (const name of label.attachmentsWithText!) {
        const part = parsed.attachments.find((a) => a.filename === name);
        if (!part) {
          misses.push(`${label.file}: no attachment ${name}`);
          continue;
        }
        const got = await extractFile(pool, config, part);
        types.add(got.detectedType ?? "");
        if (got.extraction?.status !== "done" || got.extractedText.trim().length < 10) {
          misses.push(`${label.file} ${name}: ${JSON.stringify(got.extraction)}`);
        }
      }
    });
    await Promise.all(jobs);
  } finally {
    await pool.close();
  }
  assert.deepEqual(misses, []);
  for (const t of ["application/pdf", "application/msword", "image/tiff", "application/rtf"]) {
    assert.ok(types.has(t), `the corpus exercised ${t}`);
  }
});
