/** Collects a listener's values; `next(n)` resolves with the n-th once it has arrived. */
export function collect<T>() {
  const seen: T[] = [];
  const waiters = new Set<() => boolean>();
  const wait = (test: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!test()) return false;
        resolve();
        return true;
      };
      if (!check()) waiters.add(check);
    });
  return {
    seen,
    push(value: T): void {
      seen.push(value);
      for (const check of [...waiters]) if (check()) waiters.delete(check);
    },
    async next(n: number): Promise<T> {
      await wait(() => seen.length >= n);
      return seen[n - 1];
    },
    /** The first value from now on (or the latest one) that satisfies `test`. */
    async until(test: (value: T) => boolean): Promise<T> {
      await wait(() => seen.length > 0 && test(seen[seen.length - 1]));
      return seen[seen.length - 1];
    },
  };
}
