import { z } from "zod";

export const AGENT_ROLES = ["admin", "agent"] as const;
export const agentRoleSchema = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/** Shortest password an agent may set; long passphrases beat complexity rules. */
export const PASSWORD_MIN_LENGTH = 10;
/** PBKDF2 runs over the whole password: a cap keeps one login from costing seconds. */
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * An agent's email, the login name: trimmed and lowercased here, once, so the unique index in
 * both stores and every lookup see the same spelling.
 */
export const agentEmailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email());

const nameSchema = z.string().trim().min(1).max(100);
/** Longest signature an agent may set. */
export const SIGNATURE_MAX_LENGTH = 2000;
const teamSchema = z.string().trim().max(100);
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

/** An agent as stored. `passwordHash` and `sessionEpoch` never leave lib/ (see `agentView`). */
export const agentSchema = z.object({
  id: z.string().min(1),
  email: agentEmailSchema,
  name: nameSchema,
  role: agentRoleSchema,
  team: teamSchema,
  active: z.boolean(),
  /** `pbkdf2-sha256$iterations$salt$hash` (lib/auth/password.ts writes and reads it). */
  passwordHash: z.string().min(1),
  /**
   * Sessions carry the epoch they were created under; raising it (password change or reset,
   * deactivation, "log out everywhere") makes every older session invalid at once.
   */
  sessionEpoch: z.number().int().min(0),
  /** Added under every reply the agent sends (after the "-- " line); absent or "" = none. */
  signature: z.string().max(SIGNATURE_MAX_LENGTH).optional(),
  /** The agent's own list views: a name and the list's query string (filters and sort). */
  views: z.array(z.object({ name: z.string().min(1).max(60), query: z.string().max(1000) }))
    .max(20).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agent = z.infer<typeof agentSchema>;

/** What pages and the API may show of an agent: no hash, no epoch. */
export type AgentView = Omit<Agent, "passwordHash" | "sessionEpoch">;

/** Strip the secrets from an agent before it is rendered or returned. */
export function agentView(agent: Agent): AgentView {
  const { passwordHash: _h, sessionEpoch: _e, ...view } = agent;
  return view;
}

/** An admin adding an agent (form or `POST /agents`). */
export const agentCreateSchema = z.object({
  email: agentEmailSchema,
  name: nameSchema,
  role: agentRoleSchema.default("agent"),
  team: teamSchema.default(""),
  password: passwordSchema,
}).strict();
export type AgentCreate = z.infer<typeof agentCreateSchema>;

/** An admin changing an agent (form or `PATCH /agents/:id`); `password` resets it. */
export const agentPatchSchema = z.object({
  name: nameSchema.optional(),
  role: agentRoleSchema.optional(),
  team: teamSchema.optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
}).strict();
export type AgentPatch = z.infer<typeof agentPatchSchema>;
