import assert from "node:assert/strict";
import { renderDocument } from "./render.ts";
import { islandRegistry } from "./islands.ts";
import type { AppProps, Manifest, PageProps } from "./types.ts";

function Hello(props: { who: string }) {
  return <b>hello {props.who}</b>;
}

const manifest: Manifest = {
  routes: {},
  islands: { "./islands/Hello.tsx": { default: Hello } },
  baseUrl: "file:///x/",
};

function Shell({ Component, state }: AppProps<unknown>) {
  return (
    <html>
      <head>
        <title>{(state as { title: string }).title}</title>
      </head>
      <body>
        <Component />
      </body>
    </html>
  );
}

const props: PageProps<unknown, unknown> = {
  url: new URL("http://h/p"),
  params: {},
  data: { name: "<i>x</i>" },
  state: { title: "T" },
  route: "/p",
};

Deno.test("renderDocument places the page in _app and links the bundle only with an island", () => {
  const withIsland = renderDocument({
    app: { default: Shell as never },
    page: () => (
      <main>
        <Hello who="you" />
      </main>
    ),
    props,
    registry: islandRegistry(manifest),
    bundlePath: "/_islands/main-abc.js",
  });
  assert.ok(
    withIsland.startsWith("<!DOCTYPE html><html><head><title>T</title></head><body><main>"),
  );
  assert.ok(
    withIsland.endsWith(
      '<script type="module" src="/_islands/main-abc.js"></script></body></html>',
    ),
  );

  const without = renderDocument({
    app: { default: Shell as never },
    page: (p) => <main>{(p.data as { name: string }).name}</main>,
    props,
    registry: islandRegistry(manifest),
    bundlePath: "/_islands/main-abc.js",
  });
  assert.ok(!without.includes("<script"), without);
  assert.ok(without.includes("<main>&lt;i>x&lt;/i></main>"), "data renders as text");
});

Deno.test("renderDocument without _app uses a bare shell", () => {
  const html = renderDocument({
    page: () => <p>x</p>,
    props,
    registry: new Map(),
    bundlePath: null,
  });
  assert.equal(html, "<!DOCTYPE html><html><body><p>x</p></body></html>");
});
