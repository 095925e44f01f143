import type { SSEStreamingApi } from "hono/streaming";
import type { ComplaintEvent, EventBus } from "./bus.ts";

/** How often an idle stream sends a comment, so proxies keep it open. */
export const KEEPALIVE_MS = 25_000;

/**
 * Forward the bus's events to one server-sent-events stream until the client goes away or the
 * product shuts down: `ready` first, then a `complaint` event per change, comments while idle.
 */
export async function pipeEvents(bus: EventBus, stream: SSEStreamingApi): Promise<void> {
  const queue: ComplaintEvent[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = bus.subscribe((e) => {
    queue.push(e);
    wake?.();
  });
  const stopClose = bus.onClose(() => {
    stream.abort();
    wake?.();
  });
  stream.onAbort(() => wake?.());
  try {
    await stream.writeSSE({ event: "ready", data: "{}" });
    while (!stream.aborted && !stream.closed && !bus.closed) {
      while (queue.length > 0) {
        await stream.writeSSE({ event: "complaint", data: JSON.stringify(queue.shift()) });
      }
      const woken = new Promise<void>((resolve) => (wake = resolve));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const idle = new Promise<"idle">((r) => (timer = setTimeout(() => r("idle"), KEEPALIVE_MS)));
      const why = await Promise.race([woken, idle]);
      clearTimeout(timer);
      wake = null;
      if (why === "idle" && !stream.aborted) await stream.write(": keepalive\n\n");
    }
  } finally {
    unsubscribe();
    stopClose();
  }
}
