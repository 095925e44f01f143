/**
 * The route-module contract, named and shaped like Fresh 1.x so that `routes/` and `islands/`
 * would port to Fresh unchanged. Like Fresh, the layer never knows the app's types: `State` is a
 * parameter, and the app declares its own (`lib/web_state.ts` binds these types to it).
 */
import type { ComponentType, VNode } from "preact";

/** The state a route sees when the app names none: Fresh's default. */
export type DefaultState = Record<string, unknown>;

export interface RenderOptions {
  status?: number;
  headers?: HeadersInit;
}

/** Fresh's FreshContext: what a handler or middleware receives besides the request. */
export interface FreshContext<State = DefaultState, Data = unknown> {
  url: URL;
  params: Record<string, string>;
  state: State;
  /** The route pattern, e.g. `/complaints/:id`. */
  route: string;
  /** Client address when the server knows it (`Deno.serve`), else `"unknown"`. */
  remoteAddr: { hostname: string };
  /** Render the route's page component (inside `_app`) with this data. */
  render(data?: Data, options?: RenderOptions): Promise<Response>;
  /** Render `routes/_404.tsx` (or a plain page) with status 404. */
  renderNotFound(data?: unknown): Promise<Response>;
  /** In middleware: run the route. In a route handler: answer 404. */
  next(): Promise<Response>;
}

export type HandlerContext<Data = unknown, State = DefaultState> = FreshContext<State, Data>;

export type Handler<Data = unknown, State = DefaultState> = (
  req: Request,
  ctx: HandlerContext<Data, State>,
) => Response | Promise<Response>;

/** Method → handler map, as in Fresh (`GET`, `POST`, ...). */
export type Handlers<Data = unknown, State = DefaultState> = {
  [method in "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD"]?: Handler<Data, State>;
};

/** Props of a page component. */
export interface PageProps<Data = unknown, State = DefaultState> {
  url: URL;
  params: Record<string, string>;
  data: Data;
  state: State;
  route: string;
}

/** Props of `routes/_app.tsx`: the page props plus the page component to place in the shell. */
export interface AppProps<State = DefaultState> extends PageProps<unknown, State> {
  Component: ComponentType<Record<string, never>>;
}

export type MiddlewareHandler<State = DefaultState> = (
  req: Request,
  ctx: FreshContext<State>,
) => Response | Promise<Response>;

/** A module under `routes/`. */
export interface RouteModule {
  // deno-lint-ignore no-explicit-any
  default?: (props: any) => VNode | null;
  // deno-lint-ignore no-explicit-any
  handler?: Handlers<any, any> | Handler<any, any>;
}

/** `routes/_middleware.ts`. */
export interface MiddlewareModule {
  // deno-lint-ignore no-explicit-any
  handler: MiddlewareHandler<any> | MiddlewareHandler<any>[];
}

/** A module under `islands/`: its default export is hydrated in the browser. */
export interface IslandModule {
  // deno-lint-ignore no-explicit-any
  default: ComponentType<any>;
}

/** The generated `fresh.gen.ts`. Keys are paths relative to the repo root (`./routes/x.tsx`). */
export interface Manifest {
  routes: Record<string, RouteModule | MiddlewareModule>;
  islands: Record<string, IslandModule>;
  baseUrl: string;
}
