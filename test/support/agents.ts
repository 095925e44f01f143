import type { AppContext } from "../../lib/ports.ts";
import type { Agent, AgentRole } from "../../lib/schema/agent.ts";
import { addAgent } from "../../lib/auth/agents.ts";

/** Cheap hashing for tests that create many agents; the product uses the full cost. */
export const TEST_ITERATIONS = 1000;

/**
 * The agent with this email, added through the product's own `addAgent` if missing (an admin by
 * default, like the first admin every app starts with).
 */
export async function seedAgent(
  ctx: Pick<AppContext, "store" | "now">,
  opts: { email?: string; name?: string; role?: AgentRole; team?: string; password?: string } = {},
): Promise<Agent> {
  const email = (opts.email ?? "agent@example.test").toLowerCase();
  const existing = await ctx.store.getAgentByEmail(email);
  if (existing) return existing;
  return await addAgent(ctx, {
    email,
    name: opts.name ?? email.split("@")[0],
    role: opts.role ?? "admin",
    team: opts.team ?? "",
    password: opts.password ?? "correct horse battery",
  }, TEST_ITERATIONS);
}
