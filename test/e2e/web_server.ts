import { createApp } from "../../lib/app.ts";
import { type TestContext, testContext } from "./app_fixture.ts";

/** The whole product served on 127.0.0.1 at a random port, over a temp DATA_DIR. */
export interface TestServer extends TestContext {
  base: string;
}

export async function startServer(
  env: Record<string, string> = {},
  opts: { realAnalyzer?: boolean; now?: () => Date } = {},
): Promise<TestServer> {
  const t = await testContext(env, opts);
  const app = await createApp(t.ctx);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  return {
    ...t,
    base: `http://127.0.0.1:${server.addr.port}`,
    async close() {
      t.ctx.events.close(); // open live streams would hold the shutdown
      await server.shutdown();
      await t.close();
    },
  };
}

/** Minimal cookie jar for fetch-driven page tests. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await fetch(this.base + path, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
      if (value === "" || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async text(path: string): Promise<string> {
    return await (await this.fetch(path)).text();
  }

  /** POST a urlencoded form. */
  form(path: string, fields: Record<string, string>, headers: HeadersInit = {}): Promise<Response> {
    return this.fetch(path, { method: "POST", body: new URLSearchParams(fields), headers });
  }

  /** Log in through the form with the fixture's credentials. */
  async login(email = "agent@example.com", password = "correct horse battery"): Promise<Response> {
    const page = await this.text("/login");
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)![1];
    return await this.form("/login", { _csrf: csrf, email, password, next: "/" });
  }
}
