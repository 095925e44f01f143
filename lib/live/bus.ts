/** What changed: a complaint, with what an agent's screen needs to react. */
export interface ComplaintEvent {
  type: "complaint";
  /** `created`, or `updated` (any later write). */
  change: "created" | "updated";
  id: string;
  subject: string;
  status: string;
  priority: string;
  assignee: string | null;
  /** The assignee before this write, when it changed (an assignment to notify). */
  previousAssignee?: string | null;
  /** The last history action of this write (reply_received, assigned, escalated…). */
  action?: string;
  /** Who did it (that entry's actor): nobody is notified of their own doing. */
  actor?: string;
  at: string;
}

type Listener = (event: ComplaintEvent) => void;

/**
 * The process's live events, for the dashboard's server-sent events. In-process: agents on
 * another instance see a change on their next event from it or on reload (see the README).
 */
export class EventBus {
  #listeners = new Set<Listener>();
  #closers = new Set<() => void>();
  #closed = false;

  /** Whether the product is shutting down: open streams end so the server can stop. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Called once when the bus closes (or at once if it has); returns a function to stop that. */
  onClose(fn: () => void): () => void {
    if (this.#closed) {
      fn();
      return () => {};
    }
    this.#closers.add(fn);
    return () => this.#closers.delete(fn);
  }

  /** End every stream (shutdown). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const fn of this.#closers) fn();
    this.#closers.clear();
  }

  /** Listen until the returned function is called. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tell every listener; one that throws does not stop the others or the writer. */
  publish(event: ComplaintEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch {
        // A broken stream unsubscribes itself when it closes.
      }
    }
  }

  get listeners(): number {
    return this.#listeners.size;
  }
}
