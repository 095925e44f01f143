import { defineConfig } from "./lib/web/config.ts";

/** Options of the Fresh-style web layer (lib/web/); folders are relative to this file. */
export default defineConfig({
  routesDir: "./routes",
  islandsDir: "./islands",
  staticDir: "./static",
  build: { minify: true },
});
