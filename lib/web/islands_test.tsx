import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { islandName, islandRegistry, serializeProps, withIslands } from "./islands.ts";
import type { Manifest } from "./types.ts";

function Counter(props: { start: number; label: string }) {
  return <button type="button">{props.label}: {props.start}</button>;
}

function Page() {
  return (
    <main>
      <p>static</p>
      <Counter start={3} label="</script><script>alert(1)</script>" />
    </main>
  );
}

const manifest: Manifest = {
  routes: {},
  islands: { "./islands/Counter.tsx": { default: Counter } },
  baseUrl: "file:///x/",
};

Deno.test("serializeProps leaves no character that could end the script element", () => {
  const json = serializeProps({ s: "</script><!-- & \u2028\u2029 >" });
  assert.ok(!/[<>&\u2028\u2029]/.test(json));
  assert.deepEqual(JSON.parse(json), { s: "</script><!-- & \u2028\u2029 >" });
});

Deno.test("an island renders inside a marker with its props as JSON after it", () => {
  const { result: html, used } = withIslands(
    islandRegistry(manifest),
    () => renderToString(<Page />),
  );
  assert.deepEqual([...used], ["Counter"]);
  assert.match(html, /<div data-island="Counter" data-island-id="i0" class="island"><button/);
  const m = html.match(/<script type="application\/json" id="island-props-i0">(.*?)<\/script>/);
  assert.ok(m, html);
  assert.deepEqual(JSON.parse(m[1]), { start: 3, label: "</script><script>alert(1)</script>" });
  // The hostile label appears once as escaped text and never as markup.
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.ok(html.includes("&lt;/script>&lt;script>alert(1)&lt;/script>"));
});

Deno.test("a page without islands reports none and renders no marker", () => {
  const { result: html, used } = withIslands(
    islandRegistry(manifest),
    () => renderToString(<main>plain</main>),
  );
  assert.equal(used.size, 0);
  assert.equal(html, "<main>plain</main>");
});

Deno.test("outside withIslands an island component renders plainly", () => {
  assert.equal(
    renderToString(<Counter start={1} label="x" />),
    '<button type="button">x: 1</button>',
  );
});

Deno.test("islandName takes the file's base name", () => {
  assert.equal(islandName("./islands/ComplaintActions.tsx"), "ComplaintActions");
});
