/**
 * The product's side of the web layer's contract: what `ctx.state` holds for every page, and the
 * Fresh types (`Handlers`, `PageProps`, ...) bound to it. `lib/web` is generic over the state, as
 * Fresh is (`FreshContext<State>`), so the framework never imports product modules; routes import
 * their types from here instead of naming the state at every use.
 */
import type * as web from "./web/types.ts";
import type { App } from "./context.ts";
import type { AuthService } from "./auth/service.ts";
import type { AgentSession } from "./auth/session.ts";

/** What every route and middleware sees in `ctx.state`. */
export interface WebState {
  /** The running product: its ports and long-lived services (the pipeline's locks). */
  app: App;
  auth: AuthService;
  /** Filled in by `routes/_middleware.ts` once the request's session is known. */
  session: AgentSession | null;
  /** Page title set by a handler; `_app` puts it in `<title>`. */
  title?: string;
  [key: string]: unknown;
}

/** What a handler or middleware receives besides the request. */
export type FreshContext<Data = unknown> = web.FreshContext<WebState, Data>;

/** One handler of a route (any method). */
export type Handler<Data = unknown> = web.Handler<Data, WebState>;

/** Method → handler map of a route (`GET`, `POST`, ...). */
export type Handlers<Data = unknown> = web.Handlers<Data, WebState>;

/** Props of a page component. */
export type PageProps<Data = unknown> = web.PageProps<Data, WebState>;

/** Props of `routes/_app.tsx`. */
export type AppProps = web.AppProps<WebState>;

/** A handler of `routes/_middleware.ts`. */
export type MiddlewareHandler = web.MiddlewareHandler<WebState>;
