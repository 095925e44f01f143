import { parseConfig } from "../../lib/config.ts";
import { resolveSecrets } from "../../lib/secrets.ts";
import { sharedStorageSecrets } from "../support/app.ts";
import { type App, createContext } from "../../lib/context.ts";
import type { Analyzer } from "../../lib/analyze/port.ts";

/**
 * Page and auth tests seed complaints straight into the store and never analyze; this keeps
 * them independent of the analyzer's start-up. End-to-end tests use the real one.
 */
const noAnalyzer: Analyzer = {
  name: "none",
  version: "0",
  analyze: () => Promise.reject(new Error("web unit tests do not analyze")),
};

/** A real AppContext (embedded SQLite store, local blobs) in a fresh temp dir. */
export interface TestContext {
  ctx: App;
  dir: string;
  close(): Promise<void>;
}

/** Build the product's context from config the way main.ts does, in a temp DATA_DIR. */
export async function testContext(
  env: Record<string, string> = {},
  opts: { realAnalyzer?: boolean; now?: () => Date } = {},
): Promise<TestContext> {
  const dir = await Deno.makeTempDir({ prefix: "inbox-web-" });
  const parsed = parseConfig({
    DATA_DIR: dir,
    LOG_LEVEL: "error",
    ADMIN_EMAIL: "agent@example.com",
    ADMIN_PASSWORD: "correct horse battery",
    ...sharedStorageSecrets(env),
    ...env,
  });
  const config = await resolveSecrets(parsed, () => {});
  const ctx = await createContext(config, {
    ...(opts.realAnalyzer ? {} : { analyzer: noAnalyzer }),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return {
    ctx,
    dir,
    async close() {
      await ctx.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
