const TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
  woff2: "font/woff2",
};

/** A file from `static/`, held in memory (the folder is small). */
export interface StaticFile {
  body: Uint8Array;
  type: string;
  etag: string;
}

async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  const hex = Array.from(
    new Uint8Array(digest).slice(0, 8),
    (b) => b.toString(16).padStart(2, "0"),
  );
  return `"${hex.join("")}"`;
}

/** Read every file under `dir` into a map from URL path (`/styles.css`) to file. */
export async function loadStaticFiles(dir: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  async function walk(path: string, prefix: string): Promise<void> {
    for await (const entry of Deno.readDir(path)) {
      if (entry.name.startsWith(".")) continue;
      const full = `${path}/${entry.name}`;
      if (entry.isDirectory) await walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile) {
        const body = await Deno.readFile(full);
        const ext = entry.name.split(".").pop()!.toLowerCase();
        files.set(`/${prefix}${entry.name}`, {
          body,
          type: TYPES[ext] ?? "application/octet-stream",
          etag: await etagOf(body),
        });
      }
    }
  }
  try {
    await walk(dir, "");
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return files;
}

/** Answer a GET/HEAD for a static file, with 304 when the ETag matches. */
export function serveStatic(req: Request, file: StaticFile): Response {
  const headers = new Headers({
    "Content-Type": file.type,
    "ETag": file.etag,
    // Revalidate each time: names are not hashed, the ETag keeps it cheap.
    "Cache-Control": "no-cache",
  });
  if (req.headers.get("if-none-match") === file.etag) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(file.body.length));
  return new Response(req.method === "HEAD" ? null : file.body as Uint8Array<ArrayBuffer>, {
    headers,
  });
}
