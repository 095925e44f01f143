import assert from "node:assert/strict";
import {
  findCycles,
  findViolations,
  type Graph,
  isProductModule,
  readGraph,
  RULES,
} from "./layers.ts";

const graph = (edges: [string, string][]): Graph => {
  const g: Graph = new Map();
  for (const [from, to] of edges) {
    g.set(from, [...(g.get(from) ?? []), to]);
    if (!g.has(to)) g.set(to, []);
  }
  return g;
};

Deno.test("findCycles reports a cycle as the modules around it, first one repeated", () => {
  const cycles = findCycles(graph([
    ["lib/a.ts", "lib/b.ts"],
    ["lib/b.ts", "lib/c.ts"],
    ["lib/c.ts", "lib/a.ts"],
    ["lib/c.ts", "lib/d.ts"],
  ]));
  assert.deepEqual(cycles, [["lib/a.ts", "lib/b.ts", "lib/c.ts", "lib/a.ts"]]);
});

Deno.test("findCycles finds a module importing itself and a cycle not reached from the first module", () => {
  const cycles = findCycles(graph([
    ["lib/a.ts", "lib/b.ts"],
    ["lib/x.ts", "lib/x.ts"],
    ["lib/y.ts", "lib/z.ts"],
    ["lib/z.ts", "lib/y.ts"],
  ]));
  assert.deepEqual(cycles, [["lib/x.ts", "lib/x.ts"], ["lib/y.ts", "lib/z.ts", "lib/y.ts"]]);
});

Deno.test("findCycles accepts shared imports that form no cycle (a diamond)", () => {
  assert.deepEqual(
    findCycles(graph([
      ["lib/a.ts", "lib/b.ts"],
      ["lib/a.ts", "lib/c.ts"],
      ["lib/b.ts", "lib/d.ts"],
      ["lib/c.ts", "lib/d.ts"],
    ])),
    [],
  );
});

Deno.test("readGraph sees type-only and dynamic imports, so a type-only cycle counts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const d of ["lib", "functions", "routes", "islands", "components"]) {
      await Deno.mkdir(`${dir}/${d}`);
    }
    for (const f of ["main.ts", "fresh.gen.ts", "fresh.config.ts"]) {
      await Deno.writeTextFile(`${dir}/${f}`, "export {};\n");
    }
    await Deno.writeTextFile(
      `${dir}/lib/a.ts`,
      'import type { B } from "./b.ts";\nexport interface A { b?: B }\n',
    );
    await Deno.writeTextFile(
      `${dir}/lib/b.ts`,
      'import type { A } from "./a.ts";\nexport interface B { a?: A }\n',
    );
    await Deno.writeTextFile(
      `${dir}/lib/c.ts`,
      'export const load = () => import("./d.ts");\n',
    );
    await Deno.writeTextFile(`${dir}/lib/d.ts`, 'import "./c.ts";\n');
    await Deno.writeTextFile(`${dir}/lib/a_test.ts`, 'import "./a.ts";\n');

    const g = await readGraph(new URL(`file://${dir}/`));
    assert.deepEqual(g.get("lib/a.ts"), ["lib/b.ts"]);
    assert.ok(!g.has("lib/a_test.ts"), "tests are not product modules");
    assert.deepEqual(findCycles(g), [
      ["lib/a.ts", "lib/b.ts", "lib/a.ts"],
      ["lib/c.ts", "lib/d.ts", "lib/c.ts"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("imports the layering allows pass", () => {
  const allowed = graph([
    ["main.ts", "lib/context.ts"],
    ["main.ts", "lib/app.ts"],
    ["lib/context.ts", "lib/store/sqlite.ts"],
    ["lib/context.ts", "lib/store/mongo.ts"],
    ["lib/context.ts", "lib/notify/telegram.ts"],
    ["lib/store/mongo_search.ts", "lib/store/mongo.ts"],
    ["lib/app.ts", "functions/api/index.ts"],
    ["lib/app.ts", "fresh.gen.ts"],
    ["lib/app.ts", "lib/web/mount.ts"],
    ["fresh.gen.ts", "routes/index.tsx"],
    ["fresh.gen.ts", "islands/TestSubmit.tsx"],
    ["lib/web/mount.ts", "lib/http/security_headers.ts"],
    ["lib/web/mount.ts", "lib/errors.ts"],
    ["lib/web/mount.ts", "lib/log.ts"],
    ["lib/web/mount.ts", "lib/web/render.ts"],
    ["lib/web_state.ts", "lib/web/types.ts"],
    ["lib/web_state.ts", "lib/context.ts"],
    ["routes/index.tsx", "lib/web_state.ts"],
    ["routes/index.tsx", "lib/store/port.ts"],
    ["routes/index.tsx", "components/Nav.tsx"],
    ["components/Nav.tsx", "lib/auth/session.ts"],
    ["components/Pagination.tsx", "lib/complaints/list_params.ts"],
    ["islands/TestSubmit.tsx", "lib/intake/test_samples.ts"],
    ["functions/api/index.ts", "functions/api/complaints.ts"],
    ["functions/api/index.ts", "lib/pipeline/manual.ts"],
  ]);
  assert.deepEqual(findViolations(allowed), []);
});

Deno.test("each rule fires on its own example, and only that rule", () => {
  const examples: [from: string, to: string, rule: number][] = [
    ["lib/pipeline/pipeline.ts", "functions/api/index.ts", 0],
    ["lib/web/test_samples.ts", "islands/TestSubmit.tsx", 0],
    ["lib/web/mount.ts", "fresh.gen.ts", 0],
    ["lib/config.ts", "main.ts", 0],
    ["lib/pipeline/pipeline.ts", "lib/store/sqlite.ts", 1],
    ["routes/index.tsx", "lib/blobs/s3.ts", 1],
    ["functions/api/index.ts", "lib/analyze/claude/analyzer.ts", 1],
    ["lib/store/port.ts", "lib/cache/upstash.ts", 1],
    ["lib/web/types.ts", "lib/context.ts", 2],
    ["lib/web/server.ts", "lib/auth/service.ts", 2],
    ["lib/web/list_params.ts", "lib/schema/complaint.ts", 2],
    ["components/Nav.tsx", "lib/store/port.ts", 3],
    ["islands/TestSubmit.tsx", "lib/pipeline/manual.ts", 3],
    ["components/Related.tsx", "lib/context.ts", 3],
    ["functions/api/index.ts", "functions/ingest/index.ts", 4],
  ];
  for (const [from, to, rule] of examples) {
    assert.deepEqual(
      findViolations(graph([[from, to]])),
      [`${RULES[rule].name}: ${from} → ${to}`],
      `${from} → ${to}`,
    );
  }
  const covered = new Set(examples.map(([, , rule]) => rule));
  assert.deepEqual([...covered].sort(), RULES.map((_, i) => i), "every rule has an example");
});

Deno.test("product modules are the app's sources, not its tests or tools", () => {
  for (
    const p of [
      "main.ts",
      "fresh.gen.ts",
      "lib/app.ts",
      "routes/index.tsx",
      "functions/api/index.ts",
    ]
  ) {
    assert.ok(isProductModule(p), p);
  }
  for (
    const p of [
      "lib/app_test.ts",
      "lib/web/mount_test.tsx",
      "tools/layers.ts",
      "test/support/app.ts",
    ]
  ) {
    assert.ok(!isProductModule(p), p);
  }
});

Deno.test("this repository has no import cycle and no import across a layer", async () => {
  const g = await readGraph(new URL("../", import.meta.url));
  // The graph really is the repository's: the composition roots and the pages are in it.
  assert.ok(g.size > 100, `${g.size} modules`);
  assert.ok(g.get("main.ts")?.includes("lib/app.ts"));
  assert.ok(g.get("fresh.gen.ts")?.includes("routes/index.tsx"));
  assert.deepEqual(findCycles(g), [], "import cycles");
  assert.deepEqual(findViolations(g), [], "imports across a layer (rules in tools/layers.ts)");
});
