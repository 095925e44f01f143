import assert from "node:assert/strict";
import { defineConfig, resolveConfig } from "./config.ts";

Deno.test("resolveConfig makes folders absolute next to the config file with defaults", () => {
  const r = resolveConfig(
    defineConfig({ staticDir: "./public" }),
    "file:///srv/app/fresh.config.ts",
  );
  assert.deepEqual(r, {
    root: "/srv/app",
    routesDir: "/srv/app/routes",
    islandsDir: "/srv/app/islands",
    staticDir: "/srv/app/public",
    build: { minify: true, outDir: "/srv/app/_fresh" },
  });
});

Deno.test("resolveConfig takes the build folder from the config, relative to it", () => {
  const r = resolveConfig(defineConfig({ build: { outDir: "./dist" } }), "file:///srv/app/f.ts");
  assert.equal(r.build.outDir, "/srv/app/dist");
});
