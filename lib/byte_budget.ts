/**
 * A count of bytes held in memory against a limit. A reservation that does not fit is refused,
 * except when nothing is held (so one item as large as the limit always gets through).
 */
export class ByteBudget {
  #held = 0;

  constructor(readonly limit: number) {}

  /** Bytes reserved now. */
  get held(): number {
    return this.#held;
  }

  /** Reserve `bytes`; answers the release function, or null when they do not fit. */
  tryReserve(bytes: number): (() => void) | null {
    if (this.#held > 0 && this.#held + bytes > this.limit) return null;
    this.#held += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held -= bytes;
    };
  }
}
