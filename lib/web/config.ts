import { fileURLToPath } from "node:url";

/** `fresh.config.ts`: where the layer finds its folders (Fresh's option names where they exist). */
export interface FreshConfig {
  /** Folder of page routes, relative to the config file. */
  routesDir?: string;
  islandsDir?: string;
  staticDir?: string;
  /** `outDir`: where `deno task build` writes the islands bundle (Fresh 2's `_fresh`). */
  build?: { minify?: boolean; outDir?: string };
}

export interface ResolvedFreshConfig {
  root: string;
  routesDir: string;
  islandsDir: string;
  staticDir: string;
  build: { minify: boolean; outDir: string };
}

/** Identity helper for typing `fresh.config.ts`, as in Fresh. */
export function defineConfig(config: FreshConfig): FreshConfig {
  return config;
}

/** Absolute folders for a config whose file lives at `baseUrl`. */
export function resolveConfig(config: FreshConfig, baseUrl: string): ResolvedFreshConfig {
  const root = fileURLToPath(new URL("./", baseUrl)).replace(/\/$/, "");
  const abs = (dir: string | undefined, def: string) =>
    fileURLToPath(new URL(dir ?? def, new URL("./", baseUrl))).replace(/\/$/, "");
  return {
    root,
    routesDir: abs(config.routesDir, "./routes"),
    islandsDir: abs(config.islandsDir, "./islands"),
    staticDir: abs(config.staticDir, "./static"),
    build: {
      minify: config.build?.minify ?? true,
      outDir: abs(config.build?.outDir, "./_fresh"),
    },
  };
}
