import type { AppProps } from "../lib/web_state.ts";
import { Nav } from "../components/Nav.tsx";

/** The document shell around every page. */
export default function App({ Component, state, url }: AppProps) {
  const title = state.title ? `${state.title} · Inbox Triage` : "Inbox Triage";
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/styles.css" />
      </head>
      <body>
        {state.session ? <Nav session={state.session} path={url.pathname} /> : null}
        <main class="page">
          <Component />
        </main>
      </body>
    </html>
  );
}
