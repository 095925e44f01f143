import type { AppContext } from "../ports.ts";
import { ConflictError, InvalidError, NotFoundError } from "../errors.ts";
import {
  type Agent,
  type AgentCreate,
  agentEmailSchema,
  type AgentPatch,
  type AgentView,
  agentView,
} from "../schema/agent.ts";
import type { AgentUpdate } from "../store/port.ts";
import { decodePasswordHash, hashPasswordForStorage, verifyPassword } from "./password.ts";
import { type AgentSession, keepSession } from "./session.ts";

type Ctx = Pick<AppContext, "store" | "now">;

/** Who may manage agents: admins (the API token acts as one). */
export function isAdmin(session: Pick<AgentSession, "agent"> | null | undefined): boolean {
  return session?.agent.role === "admin" && session.agent.active;
}

/**
 * Make sure the first admin (ADMIN_EMAIL / ADMIN_PASSWORD) exists. Only when no agent has that
 * email: a password changed on /account is never overwritten by the variable at the next start,
 * and two instances starting at once create one agent (the store's unique email decides).
 */
export async function ensureFirstAdmin(
  ctx: Pick<AppContext, "store" | "now" | "config" | "log">,
  iterations?: number,
): Promise<Agent> {
  const email = agentEmailSchema.parse(ctx.config.ADMIN_EMAIL);
  const existing = await ctx.store.getAgentByEmail(email);
  if (existing) return existing;
  try {
    const agent = await addAgent(ctx, {
      email,
      name: email.split("@")[0] || "Admin",
      role: "admin",
      team: "",
      password: ctx.config.ADMIN_PASSWORD,
    }, iterations);
    ctx.log.info("first_admin_created", { agentId: agent.id });
    return agent;
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const winner = await ctx.store.getAgentByEmail(email);
    if (!winner) throw err;
    return winner;
  }
}

/** Add an agent (the input is already validated); `ConflictError` when the email is taken. */
export async function addAgent(ctx: Ctx, input: AgentCreate, iterations?: number): Promise<Agent> {
  const at = ctx.now().toISOString();
  return await ctx.store.createAgent({
    id: crypto.randomUUID(),
    email: input.email,
    name: input.name,
    role: input.role,
    team: input.team,
    active: true,
    passwordHash: await hashPasswordForStorage(input.password, iterations),
    sessionEpoch: 0,
    createdAt: at,
    updatedAt: at,
  });
}

/** Every agent, without secrets. */
export async function listAgentViews(ctx: Pick<AppContext, "store">): Promise<AgentView[]> {
  return (await ctx.store.listAgents()).map(agentView);
}

/** The active agents, for assignment pickers. */
export async function activeAgents(ctx: Pick<AppContext, "store">): Promise<AgentView[]> {
  return (await listAgentViews(ctx)).filter((a) => a.active);
}

/**
 * An admin's change to an agent. Resetting the password or deactivating revokes every session
 * of that agent at once (the epoch moves on). The last active admin cannot be demoted or
 * deactivated: nobody could manage agents afterwards.
 */
export async function editAgent(
  ctx: Ctx,
  id: string,
  patch: AgentPatch,
  iterations?: number,
): Promise<Agent> {
  const current = await ctx.store.getAgent(id);
  if (!current) throw new NotFoundError(`No agent ${id}`);
  const changes: AgentUpdate = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.team !== undefined) changes.team = patch.team;
  if (patch.role !== undefined) changes.role = patch.role;
  if (patch.active !== undefined) changes.active = patch.active;
  const staysAdmin = (changes.role ?? current.role) === "admin" &&
    (changes.active ?? current.active);
  if (current.role === "admin" && current.active && !staysAdmin) {
    const admins = (await ctx.store.listAgents()).filter((a) => a.role === "admin" && a.active);
    if (admins.length <= 1) {
      throw new ConflictError("The last active admin cannot be demoted or deactivated");
    }
  }
  let revoke = current.active && changes.active === false;
  if (patch.password !== undefined) {
    changes.passwordHash = await hashPasswordForStorage(patch.password, iterations);
    revoke = true;
  }
  if (revoke) changes.sessionEpoch = current.sessionEpoch + 1;
  if (Object.keys(changes).length === 0) return current;
  changes.updatedAt = ctx.now().toISOString();
  const updated = await ctx.store.updateAgent(id, changes);
  if (!updated) throw new NotFoundError(`No agent ${id}`);
  return updated;
}

/**
 * An agent changing their own password: the current one must be right. Their other sessions end;
 * the one that asked stays live.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  session: AgentSession,
  currentPassword: string,
  newPassword: string,
  iterations?: number,
): Promise<Agent> {
  const agent = await ctx.store.getAgent(session.agentId);
  if (!agent) throw new NotFoundError(`No agent ${session.agentId}`);
  const stored = decodePasswordHash(agent.passwordHash);
  if (!stored || !(await verifyPassword(currentPassword, stored))) {
    throw new InvalidError("The current password is not right.", { code: "wrong_password" });
  }
  const updated = await ctx.store.updateAgent(agent.id, {
    passwordHash: await hashPasswordForStorage(newPassword, iterations),
    sessionEpoch: agent.sessionEpoch + 1,
    updatedAt: ctx.now().toISOString(),
  });
  if (!updated) throw new NotFoundError(`No agent ${agent.id}`);
  await keepSession(ctx, session, updated);
  return updated;
}

/** "Log out everywhere": every other session of the agent ends; this one stays. */
export async function logoutEverywhere(ctx: Ctx, session: AgentSession): Promise<void> {
  const agent = await ctx.store.getAgent(session.agentId);
  if (!agent) throw new NotFoundError(`No agent ${session.agentId}`);
  const updated = await ctx.store.updateAgent(agent.id, {
    sessionEpoch: agent.sessionEpoch + 1,
    updatedAt: ctx.now().toISOString(),
  });
  if (updated) await keepSession(ctx, session, updated);
}
