import * as esbuild from "esbuild";
import { fileURLToPath as fromFileUrl } from "node:url";
import { resolve } from "node:path";

/** The hydration script for all islands, content-addressed. */
export interface IslandBundle {
  /** URL path, e.g. `/_islands/main-3f2a9c1b7d4e.js`. */
  path: string;
  code: Uint8Array;
  hash: string;
  /** Absolute paths of every source file in the bundle (to tell when a saved build is stale). */
  inputs: string[];
}

/** One island to bundle: its name (marker `data-island`) and absolute file path. */
export interface IslandSource {
  name: string;
  file: string;
}

const NODE_MODULES = fromFileUrl(new URL("../../node_modules/", import.meta.url));

/** Bare preact specifiers → the ESM files in node_modules, so every island shares one copy. */
export function preactAliases(nodeModules = NODE_MODULES): Record<string, string> {
  return {
    "preact": `${nodeModules}preact/dist/preact.mjs`,
    "preact/hooks": `${nodeModules}preact/hooks/dist/hooks.mjs`,
    "preact/jsx-runtime": `${nodeModules}preact/jsx-runtime/dist/jsxRuntime.mjs`,
    "preact/jsx-dev-runtime": `${nodeModules}preact/jsx-runtime/dist/jsxRuntime.mjs`,
  };
}

/** The generated entry: import each island and hydrate every marker of it. */
export function entrySource(islands: IslandSource[]): string {
  const imports = islands.map((i, n) => `import I${n} from ${JSON.stringify(i.file)};`);
  const table = islands.map((i, n) => `  ${JSON.stringify(i.name)}: I${n},`);
  return [
    `import { h, hydrate } from "preact";`,
    ...imports,
    `const islands = {`,
    ...table,
    `};`,
    `for (const el of document.querySelectorAll("[data-island]")) {`,
    `  const C = islands[el.dataset.island];`,
    `  const data = document.getElementById("island-props-" + el.dataset.islandId);`,
    `  if (C && data) hydrate(h(C, JSON.parse(data.textContent || "{}")), el);`,
    `}`,
    ``,
  ].join("\n");
}

async function hashHex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest).slice(0, 6), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

let queue: Promise<unknown> = Promise.resolve();
const built = new Map<string, Promise<IslandBundle>>();

const ROOT = fromFileUrl(new URL("../../", import.meta.url));

async function build(islands: IslandSource[], minify: boolean): Promise<IslandBundle> {
  const aliases = preactAliases();
  try {
    const result = await esbuild.build({
      stdin: {
        contents: entrySource(islands),
        resolveDir: ROOT,
        sourcefile: "islands_entry.js",
        loader: "js",
      },
      write: false,
      absWorkingDir: ROOT,
      metafile: true,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      jsx: "automatic",
      jsxImportSource: "preact",
      minify,
      legalComments: "none",
      logLevel: "silent",
      plugins: [{
        name: "preact-from-node-modules",
        setup(b) {
          b.onResolve({ filter: /^preact(\/[\w-]+)?$/ }, (args) => {
            const path = aliases[args.path];
            return path ? { path } : undefined;
          });
        },
      }],
    });
    const code = result.outputFiles[0].contents;
    const hash = await hashHex(code);
    const inputs = Object.keys(result.metafile?.inputs ?? {})
      .filter((f) => f !== "islands_entry.js" && !f.startsWith("<"))
      .map((f) => resolve(ROOT, f))
      .sort();
    return { path: `/_islands/main-${hash}.js`, code, hash, inputs };
  } finally {
    // The esbuild service is a child process; stopping it keeps tests leak-free. A later build
    // starts a new one.
    await esbuild.stop();
  }
}

/**
 * Bundle the islands for the browser (built once per island set and process; builds are
 * serialised because each stops the shared esbuild service when done).
 */
export function buildIslandBundle(islands: IslandSource[], minify = true): Promise<IslandBundle> {
  const key = JSON.stringify([islands, minify]);
  let bundle = built.get(key);
  if (!bundle) {
    bundle = queue.then(() => build(islands, minify));
    queue = bundle.catch(() => {});
    built.set(key, bundle);
    bundle.catch(() => built.delete(key));
  }
  return bundle;
}
