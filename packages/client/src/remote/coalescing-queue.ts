/**
 * A FIFO that stays within `bound` entries by folding its oldest entry into a later one for the same key
 * (`merge` returns the folded entry, which takes the later one's place, or null when the two cancel out).
 * Entries are never dropped: when no two entries share a key, the queue holds one entry per key past the bound.
 */
export class CoalescingQueue<T> {
  #entries: T[] = [];
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly bound: number,
    private readonly keyOf: (entry: T) => string | undefined,
    private readonly merge: (older: T, newer: T) => T | null,
  ) {}

  get length(): number {
    return this.#entries.length;
  }

  push(entry: T): void {
    this.#entries.push(entry);
    this.#count(entry, 1);
    while (this.#entries.length > this.bound && this.#foldOldest()) {}
  }

  shift(): T | undefined {
    const entry = this.#entries.shift();
    if (entry !== undefined) this.#count(entry, -1);
    return entry;
  }

  clear(): void {
    this.#entries = [];
    this.#counts.clear();
  }

  /** Folds the oldest entry that has a later one with its key; false when there is none. */
  #foldOldest(): boolean {
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i++) {
      const key = this.keyOf(entries[i]);
      if (key === undefined || (this.#counts.get(key) ?? 0) < 2) continue;
      const j = entries.findIndex((e, k) => k > i && this.keyOf(e) === key);
      const merged = this.merge(entries[i], entries[j]);
      this.#count(entries[i], -1);
      this.#count(entries[j], -1);
      if (merged === null) {
        entries.splice(j, 1);
      } else {
        entries[j] = merged;
        this.#count(merged, 1);
      }
      entries.splice(i, 1);
      return true;
    }
    return false;
  }

  #count(entry: T, delta: number): void {
    const key = this.keyOf(entry);
    if (key === undefined) return;
    const count = (this.#counts.get(key) ?? 0) + delta;
    if (count > 0) this.#counts.set(key, count);
    else this.#counts.delete(key);
  }
}
