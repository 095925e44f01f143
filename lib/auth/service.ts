import type { AppContext } from "../ports.ts";
import type { Session } from "../store/port.ts";
import {
  hashPassword,
  type PasswordHash,
  timingSafeEqualString,
  verifyPassword,
} from "./password.ts";
import { LoginThrottle } from "./throttle.ts";
import { createSession } from "./session.ts";

export type LoginResult =
  | { ok: true; session: Session; token: string }
  | { ok: false; reason: "invalid" | "throttled"; retryAfter: number };

/** Agent login for the single configured account, with throttling of failures. */
export class AuthService {
  private constructor(
    private readonly ctx: AppContext,
    private readonly stored: PasswordHash,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Hash the configured password once (random salt) so it is never compared in clear. */
  static async create(ctx: AppContext, throttle = new LoginThrottle()): Promise<AuthService> {
    return new AuthService(ctx, await hashPassword(ctx.config.ADMIN_PASSWORD), throttle);
  }

  /** Check credentials; on success a session is stored and its cookie token returned. */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    const keys = [`ip:${ip}`, `email:${normalized}`];
    const wait = this.throttle.retryAfter(keys);
    if (wait > 0) return { ok: false, reason: "throttled", retryAfter: wait };
    // Always run PBKDF2 so a wrong email costs the same time as a wrong password.
    const passwordOk = await verifyPassword(password, this.stored);
    const emailOk = timingSafeEqualString(normalized, this.ctx.config.ADMIN_EMAIL.toLowerCase());
    if (!(passwordOk && emailOk)) {
      this.throttle.fail(keys);
      this.ctx.log.warn("login_failed", { ip });
      return { ok: false, reason: "invalid", retryAfter: 0 };
    }
    this.throttle.succeed(keys);
    const { session, token } = await createSession(this.ctx, this.ctx.config.ADMIN_EMAIL);
    this.ctx.log.info("login", { ip });
    return { ok: true, session, token };
  }
}
