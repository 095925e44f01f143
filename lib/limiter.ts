/** Runs at most `size` tasks at once; the rest wait in arrival order. */
export class Limiter {
  #active = 0;
  #waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new Error("Limiter size must be at least 1");
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire(false);
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  /**
   * Called from inside a running task: hand its slot to the next waiting task while `wait` runs
   * (a wait on the network, not work for the CPU), then take a slot back, ahead of tasks that
   * have not started, so work already begun finishes first.
   */
  async outside<T>(wait: () => Promise<T>): Promise<T> {
    this.#release();
    try {
      return await wait();
    } finally {
      await this.#acquire(true);
    }
  }

  async #acquire(first: boolean): Promise<void> {
    if (this.#active < this.size) {
      this.#active++;
      return;
    }
    await new Promise<void>((resolve) => {
      if (first) this.#waiting.unshift(resolve);
      else this.#waiting.push(resolve);
    });
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next(); // the slot passes straight to it
    else this.#active--;
  }
}
