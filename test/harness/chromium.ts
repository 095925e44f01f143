import { type Browser, chromium } from "playwright-core";
import { findBinary, skipUnless } from "./require.ts";

/** The system Chromium (Debian `chromium`); playwright never downloads a browser here. */
export const CHROMIUM_PATH = findBinary("chromium", ["/usr/bin/chromium"]);

/** `ignore` value for browser tests: skip locally without Chromium, fail in CI. */
export const skipWithoutChromium = skipUnless("chromium", CHROMIUM_PATH !== null);

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** Start headless Chromium; close it in `finally`. */
export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error("chromium not found (apt-get install chromium)");
  return await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 30_000 });
}
