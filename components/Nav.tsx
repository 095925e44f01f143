import type { AgentSession } from "../lib/auth/session.ts";

/** Complaints whose processing was given up: they wait for an agent's Reprocess. */
export const NEEDS_ATTENTION = "/complaints?processing=dead";

/** Top bar: product name, page links and the logout form (POST with the session's CSRF token). */
export function Nav({ session, path }: { session: AgentSession; path: string }) {
  const link = (href: string, label: string) => {
    const current = href === "/" ? path === "/" : path.startsWith(href);
    return <a href={href} aria-current={current ? "page" : undefined}>{label}</a>;
  };
  return (
    <header class="topbar">
      <a class="brand" href="/">Inbox Triage</a>
      <nav>
        {link("/", "Dashboard")}
        {link("/complaints", "Complaints")}
        {link("/incidents", "Incidents")}
        {link("/replies", "Saved replies")}
        {link("/reports", "Reports")}
        <a href={NEEDS_ATTENTION}>Needs attention</a>
        {link("/test", "Test")}
        {session.agent.role === "admin" ? link("/agents", "Agents") : null}
        {link("/account", "Account")}
      </nav>
      <form method="post" action="/logout" class="logout">
        <input type="hidden" name="_csrf" value={session.csrf} />
        <span class="who">{session.agent.name}</span>
        <button type="submit" class="link">Log out</button>
      </form>
    </header>
  );
}
