/// <reference lib="deno.worker" />
import { runJob } from "./dispatch.ts";
import type { ExtractJob } from "./types.ts";

// One job at a time per worker; the pool terminates this worker when a job runs too long.
self.onmessage = async (e: MessageEvent<{ id: number; job: ExtractJob }>) => {
  const { id, job } = e.data;
  const result = await runJob(job);
  self.postMessage({ id, result });
};

// An error a library throws outside the job's promise must not kill the worker silently.
self.addEventListener("unhandledrejection", (e) => e.preventDefault());

// Tells the pool this worker has loaded, so its job clock starts with the job, not the boot.
self.postMessage({ ready: true });
