/**
 * Exponential backoff with jitter between retries. The first wait is zero; each later one grows by `factor`
 * up to `maxDelayMs`. Transaction retries wait with `wait()` (±50% jitter); reconnects take `nextDelay()`
 * (full jitter: uniform in [0, current]), which spreads many clients reconnecting to a restarted server.
 */
export class ExponentialBackoff {
  #current = 0;

  constructor(
    private readonly initialDelayMs = 100,
    private readonly factor = 1.5,
    private readonly maxDelayMs = 5_000,
  ) {}

  /** Waits the current delay (jittered by ±50%), then grows it for next time. */
  async wait(): Promise<void> {
    const delay = this.#current * (0.5 + Math.random());
    this.#grow();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /** The delay before the next attempt with full jitter; grows the base for the attempt after. */
  nextDelay(): number {
    const delay = this.#current * Math.random();
    this.#grow();
    return delay;
  }

  reset(): void {
    this.#current = 0;
  }

  #grow(): void {
    this.#current =
      this.#current === 0 ? this.initialDelayMs : Math.min(this.#current * this.factor, this.maxDelayMs);
  }
}
