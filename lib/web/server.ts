import type { Hono } from "hono";
import type { AppContext } from "../context.ts";

/** Mount the file-system routes, islands bundle and static files. (Placeholder: web layer pending.) */
export async function mountWeb(_app: Hono, _ctx: AppContext): Promise<void> {}
