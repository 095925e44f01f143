import { type ComponentType, h } from "preact";
import { renderToString } from "preact-render-to-string";
import { type IslandRegistry, withIslands } from "./islands.ts";
import type { AppProps, PageProps, RouteModule } from "./types.ts";

/** What it takes to render one page into a full HTML document. */
export interface DocumentInput {
  /** `routes/_app.tsx`, the document shell; without it the page is wrapped in a bare shell. */
  app?: RouteModule;
  page: ComponentType<PageProps<unknown, unknown>>;
  props: PageProps<unknown, unknown>;
  registry: IslandRegistry;
  /** URL of the islands bundle, or null when there are no islands. */
  bundlePath: string | null;
}

function BareShell({ Component }: AppProps<unknown>) {
  return h("html", null, h("body", null, h(Component, {})));
}

/**
 * Render page-in-shell to a document. The islands bundle is linked only when the tree
 * actually rendered an island, so pages without one ship no script at all.
 */
export function renderDocument(input: DocumentInput): string {
  const Page = input.page;
  const Component = () => h(Page, input.props);
  const Shell = (input.app?.default ?? BareShell) as ComponentType<AppProps<unknown>>;
  const { result, used } = withIslands(
    input.registry,
    () => renderToString(h(Shell, { ...input.props, Component })),
  );
  let html = result;
  if (used.size > 0 && input.bundlePath) {
    const tag = `<script type="module" src="${input.bundlePath}"></script>`;
    const at = html.lastIndexOf("</body>");
    html = at >= 0 ? html.slice(0, at) + tag + html.slice(at) : html + tag;
  }
  return "<!DOCTYPE html>" + html;
}
