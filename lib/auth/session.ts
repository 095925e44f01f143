import { parse, serialize } from "hono/utils/cookie";
import type { AppContext } from "../ports.ts";
import type { Config } from "../config.ts";
import type { Session } from "../store/port.ts";
import { randomToken } from "../secrets.ts";
import { timingSafeEqualString } from "./password.ts";
import { type Agent, type AgentView, agentView } from "../schema/agent.ts";

/**
 * A login session, as the store keeps it. Re-exported so pages and components name it through
 * its owner (auth) and never reach into the store's port.
 */
export type { Session };

/**
 * A live session: its agent exists, is active, and has not revoked it (same epoch). The agent is
 * read on every request, so a role change or deactivation takes effect at once.
 */
export interface AgentSession extends Session {
  agentId: string;
  epoch: number;
  agent: AgentView;
}

export const SESSION_COOKIE = "it_session";

/**
 * The store keeps a hash of the cookie's token as the session id, so a leaked sessions table
 * does not hand out live logins.
 */
async function storedId(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether the product is served over https: cookies are then Secure (and HSTS is sent). */
export function secureCookies(config: Pick<Config, "PUBLIC_URL">): boolean {
  return config.PUBLIC_URL?.startsWith("https:") ?? false;
}

/** Start a session for `agent`; returns it and the token the cookie carries. */
export async function createSession(
  ctx: AppContext,
  agent: Agent,
): Promise<{ session: AgentSession; token: string }> {
  const token = randomToken();
  const now = ctx.now();
  const expires = new Date(now.getTime() + ctx.config.SESSION_TTL_HOURS * 3_600_000);
  const session: Session = {
    id: await storedId(token),
    email: agent.email,
    csrf: randomToken(),
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
    agentId: agent.id,
    epoch: agent.sessionEpoch,
  };
  await ctx.store.createSession(session);
  return {
    session: { ...session, agentId: agent.id, epoch: agent.sessionEpoch, agent: agentView(agent) },
    token,
  };
}

/**
 * Move a session to its agent's new epoch: after the agent revoked their sessions (own password
 * change, "log out everywhere") the session that asked stays live and only the others end.
 */
export async function keepSession(
  ctx: Pick<AppContext, "store">,
  session: AgentSession,
  agent: Agent,
): Promise<void> {
  const { agent: _view, ...stored } = session;
  await ctx.store.createSession({ ...stored, epoch: agent.sessionEpoch });
}

/** The session cookie's token, if the request carries one. */
export function sessionToken(req: Request): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  const value = parse(header, SESSION_COOKIE)[SESSION_COOKIE];
  return value && value.length <= 200 ? value : null;
}

/**
 * The live session behind the request's `it_session` cookie, or null (absent, unknown, expired,
 * or revoked: its agent is gone, deactivated, or has moved to a newer epoch).
 * Expiry is decided here and only here, with the context's clock: the store returns sessions as
 * stored, so every adapter and every test clock agree on when a login ends.
 */
export async function sessionFromRequest(
  ctx: AppContext,
  req: Request,
): Promise<AgentSession | null> {
  const token = sessionToken(req);
  if (!token) return null;
  const id = await storedId(token);
  const session = await ctx.store.getSession(id);
  if (!session) return null;
  if (session.expiresAt <= ctx.now().toISOString()) {
    await ctx.store.deleteSession(id);
    return null;
  }
  if (typeof session.agentId !== "string" || typeof session.epoch !== "number") return null;
  const agent = await ctx.store.getAgent(session.agentId);
  if (!agent || !agent.active || agent.sessionEpoch !== session.epoch) {
    await ctx.store.deleteSession(id);
    return null;
  }
  return { ...session, agentId: agent.id, epoch: session.epoch, agent: agentView(agent) };
}

/** End the request's session (if any). */
export async function destroySession(ctx: AppContext, req: Request): Promise<void> {
  const token = sessionToken(req);
  if (token) await ctx.store.deleteSession(await storedId(token));
}

/** Whether a submitted CSRF token (form `_csrf` or `X-CSRF-Token`) matches the session's. */
export function csrfValid(session: Session, token: string | null | undefined): boolean {
  if (typeof token !== "string" || token.length === 0) return false;
  return timingSafeEqualString(token, session.csrf);
}

/** `Set-Cookie` value that stores the session token. */
export function sessionCookie(config: Config, token: string): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: secureCookies(config),
    maxAge: config.SESSION_TTL_HOURS * 3600,
  });
}

/** `Set-Cookie` value that removes the session cookie. */
export function clearSessionCookie(config: Config): string {
  return serialize(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: secureCookies(config),
    maxAge: 0,
  });
}
