/**
 * The architecture, written down and checked: the module graph (`deno info --json`) of every
 * product module must have no import cycle and no import across a layer boundary below. Run by
 * `tools/layers_test.ts` (so `task test` and CI check it) and by hand:
 * `deno run -A tools/layers.ts` prints the violations.
 */

/** One module and what it imports (static, dynamic and type-only), as repo-relative paths. */
export type Graph = Map<string, string[]>;

/** A rule: modules matching `from` may not import modules matching `to`, except `unless`. */
export interface LayerRule {
  name: string;
  from: RegExp;
  to: RegExp;
  unless?: (from: string, to: string) => boolean;
}

/** The adapters: only the composition root (`lib/context.ts`) chooses and imports them. */
const ADAPTERS =
  /^lib\/(store\/(sqlite|mongo)\.ts|blobs\/(local|s3)\.ts|cache\/(memory|upstash)\.ts|analyze\/claude\/analyzer\.ts|analyze\/fallback\.ts|notify\/(telegram|log)\.ts|mail\/(smtp|outbox)\.ts)$/;

/** Same folder: an adapter's own helper modules may import it (e.g. `mongo_search.ts`). */
const sameFolder = (a: string, b: string) =>
  a.slice(0, a.lastIndexOf("/")) === b.slice(0, b.lastIndexOf("/"));

export const RULES: LayerRule[] = [
  {
    name:
      "lib/ never imports the edge (functions/, routes/, islands/, components/, fresh.gen.ts, main.ts)",
    from: /^lib\//,
    to: /^(functions|routes|islands|components)\/|^(fresh\.gen|main)\.ts$/,
    // The HTTP composition root mounts the functions and the generated manifest of the pages.
    unless: (from) => from === "lib/app.ts",
  },
  {
    name: "adapters are imported only by the composition root (lib/context.ts)",
    from: /./,
    to: ADAPTERS,
    unless: (from, to) => from === "lib/context.ts" || sameFolder(from, to),
  },
  {
    name: "lib/web (the small Fresh-style layer) never imports product modules",
    from: /^lib\/web\//,
    to: /^lib\/(?!web\/|http\/|errors\.ts|log\.ts)/,
  },
  {
    name: "components/ and islands/ render data; they never reach stores, adapters or the pipeline",
    from: /^(components|islands)\//,
    to: /^lib\/(store|blobs|cache|pipeline|analyze|notify|extract|context\.ts)/,
  },
  {
    name: "functions/ are separate apps: none imports another",
    from: /^functions\/([^/]+)\//,
    to: /^functions\//,
    unless: (from, to) => from.split("/")[1] === to.split("/")[1],
  },
];

/**
 * Product modules at the top of the repo: the entry point, and the web layer's generated manifest
 * (it imports every route and island, so a cycle through the pages is seen) and its config.
 */
const ROOT_MODULES = ["main.ts", "fresh.gen.ts", "fresh.config.ts"];

/** What the product consists of: every module the checks look at (tests and tools excluded). */
export function isProductModule(path: string): boolean {
  return /^(lib|functions|routes|islands|components)\/.*\.tsx?$/.test(path) &&
      !/_test\.tsx?$/.test(path) || ROOT_MODULES.includes(path);
}

/** Read the import graph of the product modules under `root` (a file URL of the repo). */
export async function readGraph(root: URL): Promise<Graph> {
  const files: string[] = [...ROOT_MODULES];
  for (const dir of ["lib", "functions", "routes", "islands", "components"]) {
    for await (const path of walk(new URL(`${dir}/`, root), `${dir}/`)) {
      if (isProductModule(path)) files.push(path);
    }
  }
  // One generated entry importing every product module, so one `deno info` sees them all.
  const entry = await Deno.makeTempFile({ dir: new URL(".", root).pathname, suffix: ".ts" });
  try {
    await Deno.writeTextFile(
      entry,
      files.map((f) => `import ${JSON.stringify(new URL(f, root).href)};`).join("\n"),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      cwd: new URL(".", root).pathname,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(`deno info failed: ${new TextDecoder().decode(out.stderr)}`);
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: {
        specifier: string;
        dependencies?: { code?: { specifier: string }; type?: { specifier: string } }[];
      }[];
    };
    const rel = (spec: string) => spec.startsWith(root.href) ? spec.slice(root.href.length) : null;
    const graph: Graph = new Map();
    for (const m of info.modules) {
      const from = rel(m.specifier);
      if (!from || !isProductModule(from)) continue;
      const deps = new Set<string>();
      for (const d of m.dependencies ?? []) {
        for (const spec of [d.code?.specifier, d.type?.specifier]) {
          const to = spec ? rel(spec) : null;
          if (to && isProductModule(to)) deps.add(to);
        }
      }
      graph.set(from, [...deps].sort());
    }
    return graph;
  } finally {
    await Deno.remove(entry);
  }
}

async function* walk(dir: URL, prefix: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    if (e.isDirectory) yield* walk(new URL(`${e.name}/`, dir), `${prefix}${e.name}/`);
    else if (e.isFile) yield `${prefix}${e.name}`;
  }
}

/** Every import cycle, each as the modules around it (first module repeated at the end). */
export function findCycles(graph: Graph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/** Every import that breaks a rule, as "rule: from → to". */
export function findViolations(graph: Graph, rules: LayerRule[] = RULES): string[] {
  const out: string[] = [];
  for (const [from, deps] of graph) {
    for (const to of deps) {
      for (const rule of rules) {
        if (rule.from.test(from) && rule.to.test(to) && !rule.unless?.(from, to)) {
          out.push(`${rule.name}: ${from} → ${to}`);
        }
      }
    }
  }
  return out.sort();
}

if (import.meta.main) {
  const graph = await readGraph(new URL("../", import.meta.url));
  const problems = [
    ...findCycles(graph).map((c) => `import cycle: ${c.join(" → ")}`),
    ...findViolations(graph),
  ];
  for (const p of problems) console.log(p);
  console.log(`${graph.size} modules, ${problems.length} problem(s)`);
  if (problems.length > 0) Deno.exit(1);
}
