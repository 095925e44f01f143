import { readFileSync } from "node:fs";

/** The package version, reported in heartbeats and the start log line. */
export const VERSION = /** @type {{version: string}} */ (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
).version;
