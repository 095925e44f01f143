import type { IslandBundle } from "./bundle.ts";

/** What `deno task build` leaves beside the bundle, to find it and to tell when it is stale. */
export interface BuildRecord {
  /** URL path of the bundle, e.g. `/_islands/main-3f2a9c1b7d4e.js`. */
  path: string;
  hash: string;
  /** Island names in the bundle, in order. */
  islands: string[];
  /** SHA-256 over our own source files in the bundle (paths relative to the root, contents). */
  sources: string;
  /** Those files, relative to the root. */
  files: string[];
}

const RECORD = "islands.json";

/** A saved bundle, fresh or not, as {@link loadPrebuilt} finds it. */
export type Prebuilt =
  | { state: "fresh"; bundle: IslandBundle }
  | { state: "stale"; bundle: IslandBundle; reason: string }
  | { state: "missing"; reason: string };

/**
 * The fingerprint of the bundle's own sources: dependencies under node_modules are left out (the
 * lockfile pins them, and an edge deployment may not ship them as files).
 */
async function fingerprint(root: string, files: string[]): Promise<string> {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const file of files) {
    parts.push(enc.encode(`${file}\0`), await Deno.readFile(`${root}/${file}`), enc.encode("\0"));
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const digest = await crypto.subtle.digest("SHA-256", all);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function ownFiles(root: string, inputs: string[]): string[] {
  return inputs
    .filter((f) => f.startsWith(`${root}/`) && !f.includes("/node_modules/"))
    .map((f) => f.slice(root.length + 1))
    .sort();
}

/**
 * Write a built bundle to `outDir` (`deno task build`): the hashed script and a record naming
 * its islands and fingerprinting its sources. Written to temp names and renamed, so a server
 * reading the folder never sees half a build.
 */
export async function writePrebuilt(
  outDir: string,
  root: string,
  islands: string[],
  bundle: IslandBundle,
): Promise<BuildRecord> {
  await Deno.mkdir(outDir, { recursive: true });
  const files = ownFiles(root, bundle.inputs);
  const record: BuildRecord = {
    path: bundle.path,
    hash: bundle.hash,
    islands,
    sources: await fingerprint(root, files),
    files,
  };
  const script = `${outDir}/${bundle.path.split("/").at(-1)}`;
  await Deno.writeFile(`${script}.tmp`, bundle.code);
  await Deno.rename(`${script}.tmp`, script);
  await Deno.writeTextFile(`${outDir}/${RECORD}.tmp`, JSON.stringify(record, null, 2) + "\n");
  await Deno.rename(`${outDir}/${RECORD}.tmp`, `${outDir}/${RECORD}`);
  return record;
}

/**
 * The bundle saved in `outDir` for this island set: `fresh` when its sources are unchanged,
 * `stale` (with why) when an island or a module it imports changed since, or the island set
 * differs; `missing` when there is none to read. Reads only (edge runtimes cannot write).
 */
export async function loadPrebuilt(
  outDir: string,
  root: string,
  islands: string[],
): Promise<Prebuilt> {
  let record: BuildRecord;
  try {
    record = JSON.parse(await Deno.readTextFile(`${outDir}/${RECORD}`));
  } catch (err) {
    return { state: "missing", reason: `no readable ${outDir}/${RECORD} (${errName(err)})` };
  }
  let code: Uint8Array;
  try {
    code = await Deno.readFile(`${outDir}/${record.path.split("/").at(-1)}`);
  } catch (err) {
    return { state: "missing", reason: `the bundle ${record.path} is gone (${errName(err)})` };
  }
  const bundle: IslandBundle = {
    path: record.path,
    hash: record.hash,
    code,
    inputs: record.files.map((f) => `${root}/${f}`),
  };
  if (JSON.stringify(record.islands) !== JSON.stringify(islands)) {
    return { state: "stale", bundle, reason: "the set of islands changed since the build" };
  }
  let now: string;
  try {
    now = await fingerprint(root, record.files);
  } catch (err) {
    return { state: "stale", bundle, reason: `a source file is unreadable (${errName(err)})` };
  }
  return now === record.sources ? { state: "fresh", bundle } : {
    state: "stale",
    bundle,
    reason: "an island or a module it imports changed since the build",
  };
}

function errName(err: unknown): string {
  return err instanceof Error ? err.name : String(err);
}
