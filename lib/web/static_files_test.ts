import assert from "node:assert/strict";
import { loadStaticFiles, serveStatic } from "./static_files.ts";

Deno.test("loadStaticFiles maps nested files to URL paths and serves them with ETags", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/img`);
    await Deno.writeTextFile(`${dir}/styles.css`, "body{color:red}");
    await Deno.writeTextFile(`${dir}/img/logo.svg`, "<svg/>");
    await Deno.writeTextFile(`${dir}/.hidden`, "x");
    const files = await loadStaticFiles(dir);
    assert.deepEqual([...files.keys()].sort(), ["/img/logo.svg", "/styles.css"]);
    const css = files.get("/styles.css")!;
    assert.equal(css.type, "text/css; charset=utf-8");

    const res = serveStatic(new Request("http://h/styles.css"), css);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "body{color:red}");
    assert.equal(res.headers.get("etag"), css.etag);

    const cached = serveStatic(
      new Request("http://h/styles.css", { headers: { "if-none-match": css.etag } }),
      css,
    );
    assert.equal(cached.status, 304);
    assert.equal(cached.body, null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadStaticFiles of a missing folder is empty", async () => {
  assert.equal((await loadStaticFiles("/nonexistent-static-dir")).size, 0);
});
