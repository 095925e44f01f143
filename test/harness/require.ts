/**
 * Decide whether a real-server test can run. Outside CI a missing binary skips the test with a
 * reason printed once; in CI (`CI=true`) the test runs anyway so the missing binary fails it.
 */
const announced = new Set<string>();

export function findBinary(name: string, candidates: string[] = []): string | null {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter(Boolean);
  const home = Deno.env.get("HOME") ?? "/root";
  const gopath = Deno.env.get("GOPATH") ?? `${home}/go`;
  const all = [...candidates, ...dirs.map((d) => `${d}/${name}`), `${gopath}/bin/${name}`];
  for (const path of all) {
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch {
      // not here
    }
  }
  return null;
}

export const inCI = Deno.env.get("CI") === "true";

/** `ignore` value for Deno.test: true (skip, with a printed reason) only when not in CI. */
export function skipUnless(name: string, available: boolean): boolean {
  if (available || inCI) return false;
  if (!announced.has(name)) {
    announced.add(name);
    console.warn(`SKIP: ${name} not found; the tests that need it are skipped (they fail in CI).`);
  }
  return true;
}

/**
 * `ignore` for tests that need Debian's Russian OCR model (`tesseract-ocr-rus`, installed by
 * `.ci/run`): without it OCR falls back to the Kazakh model, which misreads Latin letters.
 */
export function skipUnlessRussianOcr(path: string): boolean {
  let present = false;
  try {
    present = Deno.statSync(path).isFile;
  } catch {
    // not installed
  }
  return skipUnless(`tesseract-ocr-rus (${path})`, present);
}
