import { type ComponentType, Fragment, h, options, type VNode } from "preact";
import type { Manifest } from "./types.ts";

/** Island components by identity, named after their file (`./islands/TestSubmit.tsx` → TestSubmit). */
export type IslandRegistry = Map<ComponentType<unknown>, string>;

/** The island name of a manifest key. */
export function islandName(file: string): string {
  return file.split("/").pop()!.replace(/\.(tsx|ts|jsx|js)$/, "");
}

/** Index the manifest's islands by component so the render hook can recognise them. */
export function islandRegistry(manifest: Manifest): IslandRegistry {
  const registry: IslandRegistry = new Map();
  for (const [file, mod] of Object.entries(manifest.islands)) {
    registry.set(mod.default as ComponentType<unknown>, islandName(file));
  }
  return registry;
}

/**
 * JSON for a `<script type="application/json">`: `<`, `>`, `&` and the JS line separators are
 * escaped so no value can close the tag or open a comment, whatever the payload.
 */
export function serializeProps(props: unknown): string {
  return JSON.stringify(props ?? {})
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

interface Collector {
  registry: IslandRegistry;
  used: Set<string>;
  next: number;
}

/** Set only while a page renders; renderToString is synchronous so one slot suffices. */
let collector: Collector | null = null;

/** Marks the vnode the wrapper creates so the hook does not wrap it a second time. */
const INNER = "__islandInner";

interface MarkerProps {
  name: string;
  component: ComponentType<Record<string, unknown>>;
  props: Record<string, unknown>;
}

function IslandMarker({ name, component, props }: MarkerProps): VNode {
  const c = collector!;
  const id = `i${c.next++}`;
  c.used.add(name);
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k !== "children" && k !== "key" && k !== "ref" && k !== INNER) clean[k] = v;
  }
  return h(
    Fragment,
    null,
    h(
      "div",
      { "data-island": name, "data-island-id": id, class: "island" },
      h(component, { ...clean, [INNER]: true }),
    ),
    // The payload is our own JSON with every markup character escaped (serializeProps).
    h("script", {
      type: "application/json",
      id: `island-props-${id}`,
      dangerouslySetInnerHTML: { __html: serializeProps(clean) },
    }),
  );
}

const previousHook = options.vnode;
options.vnode = (vnode: VNode) => {
  if (collector && typeof vnode.type === "function") {
    const props = vnode.props as Record<string, unknown>;
    if (props[INNER]) {
      delete props[INNER];
    } else {
      const name = collector.registry.get(vnode.type as ComponentType<unknown>);
      if (name) {
        const original = vnode.type as ComponentType<Record<string, unknown>>;
        (vnode as { type: unknown }).type = IslandMarker;
        (vnode as { props: unknown }).props = { name, component: original, props };
      }
    }
  }
  previousHook?.(vnode);
};

/**
 * Run a synchronous render with island detection on: every island component in the tree is
 * rendered inside a marker with its props as JSON. Returns the render's result and the
 * islands it used (empty → the page needs no script).
 */
export function withIslands<T>(registry: IslandRegistry, render: () => T): {
  result: T;
  used: Set<string>;
} {
  const previous = collector;
  const c: Collector = { registry, used: new Set(), next: 0 };
  collector = c;
  try {
    return { result: render(), used: c.used };
  } finally {
    collector = previous;
  }
}
