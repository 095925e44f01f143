import type { AppContext } from "../ports.ts";
import { decodePasswordHash, hashPassword, type PasswordHash, verifyPassword } from "./password.ts";
import { loginLimit, LoginThrottle, loginThrottleKeys } from "./throttle.ts";
import { type AgentSession, createSession } from "./session.ts";
import { ensureFirstAdmin } from "./agents.ts";

export type LoginResult =
  | { ok: true; session: AgentSession; token: string }
  | { ok: false; reason: "invalid" | "throttled" | "inactive"; retryAfter: number };

/** Agent login against the agents in the store, with throttling of failures. */
export class AuthService {
  private constructor(
    private readonly ctx: AppContext,
    /** Verified when the email is unknown, so a wrong email costs what a wrong password does. */
    private readonly decoy: PasswordHash,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Create the first admin from ADMIN_EMAIL / ADMIN_PASSWORD if no agent has that email, and
   * prepare the throttle on the context's clock (tests move `ctx.now`).
   */
  static async create(
    ctx: AppContext,
    throttle = new LoginThrottle({ now: () => ctx.now().getTime(), limitFor: loginLimit }),
  ): Promise<AuthService> {
    await ensureFirstAdmin(ctx);
    const decoy = await hashPassword(crypto.randomUUID());
    return new AuthService(ctx, decoy, throttle);
  }

  /** Check credentials; on success a session is stored and its cookie token returned. */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    const keys = loginThrottleKeys(normalized, ip);
    const wait = this.throttle.retryAfter(keys);
    if (wait > 0) return { ok: false, reason: "throttled", retryAfter: wait };
    const agent = normalized === "" ? null : await this.ctx.store.getAgentByEmail(normalized);
    const stored = agent ? decodePasswordHash(agent.passwordHash) : null;
    // Always run PBKDF2 so a wrong email costs the same time as a wrong password.
    const passwordOk = await verifyPassword(password, stored ?? this.decoy);
    if (!agent || !stored || !passwordOk) {
      this.throttle.fail(keys);
      this.ctx.log.warn("login_failed", { ip });
      return { ok: false, reason: "invalid", retryAfter: 0 };
    }
    // Only this address+account starts over: a valid login of one's own account must not wipe
    // the address's count of guesses at others.
    this.throttle.succeed(keys.filter((k) => k.startsWith("account:")));
    if (!agent.active) {
      // Said only to someone who knows the password: it tells no stranger the account exists.
      this.ctx.log.warn("login_inactive", { ip, agentId: agent.id });
      return { ok: false, reason: "inactive", retryAfter: 0 };
    }
    const { session, token } = await createSession(this.ctx, agent);
    this.ctx.log.info("login", { ip, agentId: agent.id });
    return { ok: true, session, token };
  }
}
