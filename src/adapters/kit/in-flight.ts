// Work in flight: every answer an adapter has taken on, so stopping waits for it (nothing
// acknowledged is dropped) and nothing new starts once stopping has begun.
export class InFlight {
  readonly #work = new Set<Promise<void>>();
  #closed = false;

  get size(): number {
    return this.#work.size;
  }

  /** False once close() has begun: the adapter takes no new work. */
  get accepting(): boolean {
    return !this.#closed;
  }

  /**
   * Starts `work` and tracks it until it settles (a failure is handed to `onError`, never thrown).
   * Returns the tracked promise, or null when closing (the work is not started).
   */
  run(work: () => Promise<void>, onError: (error: unknown) => void): Promise<void> | null {
    if (this.#closed) return null;
    // Started on the next microtask, so the work is counted (size) before it runs.
    const tracked = Promise.resolve()
      .then(work)
      .then(
        () => {},
        (error: unknown) => onError(error),
      );
    this.#work.add(tracked);
    void tracked.finally(() => this.#work.delete(tracked));
    return tracked;
  }

  /** Resolves when nothing is in flight (work started meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.#work.size > 0) await Promise.all([...this.#work]);
  }

  /** Stops taking work and waits for what is in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }
}
