import type { Hono } from "hono";
import type { AppContext } from "../context.ts";
import manifest from "../../fresh.gen.ts";
import freshConfig from "../../fresh.config.ts";
import { AuthService } from "../auth/service.ts";
import { errorLogFields } from "../http/error_middleware.ts";
import { resolveConfig } from "./config.ts";
import { mountManifest } from "./mount.ts";
import type { WebState } from "./types.ts";

/**
 * Mount the pages (file-system routes from `fresh.gen.ts`), the islands bundle and `static/`
 * at the root of the product's app. Builds the islands bundle and hashes the admin password
 * once, here at start-up.
 */
export async function mountWeb(app: Hono, ctx: AppContext): Promise<void> {
  const config = resolveConfig(freshConfig, new URL("../../fresh.config.ts", import.meta.url).href);
  const auth = await AuthService.create(ctx);
  await mountManifest<WebState>(app, {
    manifest,
    staticDir: config.staticDir,
    minify: config.build.minify,
    createState: () => ({ app: ctx, auth, session: null }),
    foreignPrefixes: ["/functions"],
    onError: (err, req) =>
      ctx.log.error("page_error", { path: new URL(req.url).pathname, ...errorLogFields(err) }),
  });
}
