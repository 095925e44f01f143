import assert from "node:assert/strict";
import { startTestApp } from "../../test/support/app.ts";

const SHARED = new URL("../../../shared/corpus/", import.meta.url);

/** Small deterministic PRNG (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpusMails(): { name: string; raw: Uint8Array }[] {
  const out: { name: string; raw: Uint8Array }[] = [];
  const walk = (dir: URL, prefix: string) => {
    for (const e of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory) walk(new URL(`${e.name}/`, dir), `${prefix}${e.name}/`);
      else if (/\.(eml|msg|box|txt)$/i.test(e.name)) {
        const raw = Deno.readFileSync(new URL(e.name, dir));
        // Small mails only: the point is MIME damage, not attachment OCR time.
        if (raw.length > 0 && raw.length < 40_000) out.push({ name: prefix + e.name, raw });
      }
    }
  };
  walk(new URL("dev/", SHARED), "dev/");
  walk(new URL("public/", SHARED), "public/");
  return out;
}

const MUTATIONS: [string, (raw: Uint8Array, rnd: () => number) => Uint8Array][] = [
  ["truncated", (raw, rnd) => raw.slice(0, Math.floor(rnd() * raw.length))],
  ["bytes flipped", (raw, rnd) => {
    const out = raw.slice();
    for (let i = 0; i < 1 + rnd() * 20; i++) out[Math.floor(rnd() * out.length)] = rnd() * 256;
    return out;
  }],
  ["a line dropped", (raw, rnd) => {
    const lines = new TextDecoder("latin1").decode(raw).split("\n");
    lines.splice(Math.floor(rnd() * lines.length), 1);
    return latin1(lines.join("\n"));
  }],
  [
    "boundaries broken",
    (raw) => latin1(new TextDecoder("latin1").decode(raw).replace(/^--/gm, "-")),
  ],
  ["bare LF and NULs", (raw, rnd) => {
    const text = new TextDecoder("latin1").decode(raw).replace(/\r\n/g, "\n");
    const at = Math.floor(rnd() * text.length);
    return latin1(text.slice(0, at) + "\0\0" + text.slice(at));
  }],
  ["headers shuffled and cased", (raw, rnd) => {
    const text = new TextDecoder("latin1").decode(raw);
    const end = text.search(/\r?\n\r?\n/);
    if (end < 0) return raw;
    const head = text.slice(0, end).split(/\r?\n(?![ \t])/).map((h) =>
      rnd() < 0.5 ? h.replace(/^[^:]+/, (n) => n.toUpperCase()) : h
    ).sort(() => rnd() - 0.5);
    return latin1(head.join("\r\n") + text.slice(end));
  }],
];

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

Deno.test("damaged corpus mails get 2xx or a clear 422, and every accepted one is accounted for", async () => {
  const app = await startTestApp({ OCR_MAX_PAGES: "0" });
  try {
    const mails = corpusMails();
    assert.ok(mails.length >= 40, `only ${mails.length} corpus mails found`);
    const rnd = random(20261125);
    let accepted = 0;
    for (let i = 0; i < 180; i++) {
      const mail = mails[Math.floor(rnd() * mails.length)];
      const [what, mutate] = MUTATIONS[i % MUTATIONS.length];
      const raw = mutate(mail.raw, rnd);
      const where = `#${i} ${mail.name} (${what})`;
      const res = await app.ingest(raw);
      const body = await res.json();
      if (res.status === 422) {
        assert.equal(typeof body.error?.code, "string", where);
        assert.ok(body.error.message.length > 5, where);
        continue;
      }
      assert.ok([200, 201].includes(res.status), `${where}: ${res.status} ${JSON.stringify(body)}`);
      accepted++;
      if (body.id) {
        const complaint = await app.api(`/complaints/${body.id}`);
        assert.equal(complaint.status, 200, `${where}: complaint ${body.id} missing`);
        const stored = await complaint.json();
        assert.ok(stored.rawKey, where);
        assert.ok(["done", "failed", "pending"].includes(stored.processing.state), where);
      }
    }
    assert.ok(accepted > 100, `only ${accepted} of 180 damaged mails were accepted`);
    // Nothing is left half-done: every claimed message reached an outcome.
    const stuck = await (await app.api("/processed-emails?outcome=received")).json();
    assert.equal(stuck.total, 0, JSON.stringify(stuck.items.slice(0, 3)));
    const all = await (await app.api("/processed-emails?limit=1")).json();
    assert.ok(all.total > 40, `only ${all.total} distinct messages recorded`);
  } finally {
    await app.stop();
  }
});
