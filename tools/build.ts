/**
 * `deno task build`: bundle the islands ahead of time into fresh.config.ts's `build.outDir`
 * (`_fresh/`), as Fresh 2 does, so a server that cannot run esbuild (an edge runtime, a process
 * without subprocess permission) serves them as built. `task start` and `dev` use the saved
 * bundle while its sources are unchanged and rebuild in memory otherwise.
 */
import manifest from "../fresh.gen.ts";
import freshConfig from "../fresh.config.ts";
import { resolveConfig } from "../lib/web/config.ts";
import { buildIslandBundle } from "../lib/web/bundle.ts";
import { islandSources } from "../lib/web/mount.ts";
import { writePrebuilt } from "../lib/web/prebuilt.ts";

/** Build and save the islands bundle; returns where it went. */
export async function buildIslands(outDir?: string): Promise<{ file: string; islands: number }> {
  const config = resolveConfig(freshConfig, new URL("../fresh.config.ts", import.meta.url).href);
  const sources = islandSources(manifest);
  const bundle = await buildIslandBundle(sources, config.build.minify);
  const dir = outDir ?? config.build.outDir;
  const names = sources.map((s) => s.name);
  const record = await writePrebuilt(dir, config.root, names, bundle);
  return {
    file: `${dir}${record.path.slice(record.path.lastIndexOf("/"))}`,
    islands: names.length,
  };
}

if (import.meta.main) {
  const { file, islands } = await buildIslands();
  console.log(`built ${islands} islands into ${file}`);
}
