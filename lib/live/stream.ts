import type { SSEStreamingApi } from "hono/streaming";
import type { ComplaintEvent, EventBus } from "./bus.ts";

/** How often an idle stream sends a comment, so proxies keep it open. */
export const KEEPALIVE_MS = 25_000;

/**
 * Forward the bus's events to one server-sent-events stream until the client goes away or the
 * product shuts down: `ready` first, then a `complaint` event per change, comments while idle.
 * The subscription ends with the stream even when a write is waiting on a client that stopped
 * reading.
 */
export async function pipeEvents(bus: EventBus, stream: SSEStreamingApi): Promise<void> {
  const queue: ComplaintEvent[] = [];
  let wake: (() => void) | null = null;
  let end!: () => void;
  const ended = new Promise<"ended">((resolve) => (end = () => resolve("ended")));
  const unsubscribe = bus.subscribe((e) => {
    queue.push(e);
    wake?.();
  });
  const stopClose = bus.onClose(() => {
    stream.abort();
    end();
  });
  stream.onAbort(end);
  const send = async (write: Promise<unknown>) => {
    if (await Promise.race([write.then(() => "written" as const), ended]) === "ended") {
      write.catch(() => {}); // left behind: the stream is over
      return false;
    }
    return true;
  };
  try {
    if (!await send(stream.writeSSE({ event: "ready", data: "{}" }))) return;
    while (!stream.aborted && !stream.closed && !bus.closed) {
      while (queue.length > 0) {
        const event = queue.shift();
        if (!await send(stream.writeSSE({ event: "complaint", data: JSON.stringify(event) }))) {
          return;
        }
      }
      const woken = new Promise<"woken">((resolve) => (wake = () => resolve("woken")));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const idle = new Promise<"idle">((r) => (timer = setTimeout(() => r("idle"), KEEPALIVE_MS)));
      const why = await Promise.race([woken, idle, ended]);
      clearTimeout(timer);
      wake = null;
      if (why === "idle" && !await send(stream.write(": keepalive\n\n"))) return;
    }
  } finally {
    unsubscribe();
    stopClose();
  }
}
