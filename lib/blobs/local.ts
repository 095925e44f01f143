import { dirname, join } from "node:path";
import type { BlobInfo, BlobStore } from "./port.ts";

/** Folder handles kept open for syncing (raw keys fan out into 256 folders). */
const MAX_HANDLES = 512;

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** Blob store in a local folder: writes go to a temp file, are fsynced, then renamed into place. */
export class LocalBlobStore implements BlobStore {
  readonly name = "local";
  // Folders known to exist: raw keys fan out into 256 folders, so after warm-up a write is
  // open, write, fsync, rename (a mkdir per write was a fifth of its system calls).
  #folders = new Set<string>();
  #handles = new Map<string, Deno.FsFile>();
  constructor(private readonly root: string) {}

  async init(): Promise<void> {
    await Deno.mkdir(this.root, { recursive: true });
  }

  async put(key: string, bytes: Uint8Array, _contentType?: string): Promise<void> {
    const path = this.#path(key);
    const folder = dirname(path);
    if (!this.#folders.has(folder)) await this.#makeFolder(folder);
    const tmp = `${path}.${crypto.randomUUID()}.tmp`;
    const file = await Deno.open(tmp, { write: true, createNew: true }).catch(async (err) => {
      // The folder went away behind our back (cleaned by hand): make it again, once.
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      await this.#makeFolder(folder);
      return await Deno.open(tmp, { write: true, createNew: true });
    });
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(tmp, path);
    // The new name is durable only once its folder is synced too (a power cut could otherwise
    // lose the entry of a file whose bytes were synced).
    await this.#syncFolder(folder);
  }

  /** Sync a folder through a handle kept open (opening it for every write cost two calls more). */
  async #syncFolder(folder: string): Promise<void> {
    if (Deno.build.os === "windows") return;
    let dir = this.#handles.get(folder);
    if (!dir) {
      if (this.#handles.size >= MAX_HANDLES) return await syncFolder(folder);
      dir = await Deno.open(folder, { read: true });
      this.#handles.set(folder, dir);
    }
    await dir.sync();
  }

  /** Close the folder handles kept for syncing. */
  close(): Promise<void> {
    for (const dir of this.#handles.values()) dir.close();
    this.#handles.clear();
    return Promise.resolve();
  }

  /** Make a folder and sync the folders above it up to the root, so it survives a crash. */
  async #makeFolder(folder: string): Promise<void> {
    // A handle kept for a folder removed behind our back would sync the removed one.
    this.#handles.get(folder)?.close();
    this.#handles.delete(folder);
    await Deno.mkdir(folder, { recursive: true });
    for (let dir = folder; dir.length > this.root.length && dir !== dirname(dir);) {
      dir = dirname(dir);
      await syncFolder(dir);
    }
    if (this.#folders.size < 10_000) this.#folders.add(folder);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await Deno.readFile(this.#path(key));
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return await exists(this.#path(key));
  }

  async delete(key: string): Promise<void> {
    try {
      await Deno.remove(this.#path(key));
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }

  async *list(prefix: string): AsyncIterable<BlobInfo> {
    if (prefix.split("/").some((p) => p === "..") || prefix.startsWith("/")) {
      throw new Error(`invalid blob prefix: ${prefix}`);
    }
    const start = join(this.root, prefix);
    yield* walk(this.root, await exists(start) ? start : this.root, prefix);
  }

  presignedUrl(): Promise<string | null> {
    return Promise.resolve(null);
  }

  #path(key: string): string {
    if (!KEY.test(key) || key.split("/").some((p) => p === "." || p === "..")) {
      throw new Error(`invalid blob key: ${key}`);
    }
    return join(this.root, key);
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder as a file (and NTFS journals its entries itself).
  if (Deno.build.os === "windows") return;
  const dir = await Deno.open(folder, { read: true });
  try {
    await dir.sync();
  } finally {
    dir.close();
  }
}

async function* walk(root: string, dir: string, prefix: string): AsyncIterable<BlobInfo> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory) yield* walk(root, path, prefix);
    else if (e.isFile && !e.name.endsWith(".tmp")) {
      const key = path.slice(root.length + 1);
      if (!key.startsWith(prefix)) continue;
      // Deleted since the folder was read (a concurrent delete): not there any more.
      const size = await Deno.stat(path).then((i) => i.size, (err) => {
        if (err instanceof Deno.errors.NotFound) return null;
        throw err;
      });
      if (size !== null) yield { key, size };
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
