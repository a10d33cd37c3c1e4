/** Above this many, a full sort is as cheap as keeping a sorted prefix. */
const SELECT_AT_MOST = 256;

/**
 * The first `count` of `items` in `compare` order, the same elements a stable sort would put first: a limit
 * over a large result keeps a sorted prefix (O(n log count)) instead of sorting everything.
 */
export function firstInOrder<T>(items: T[], compare: (a: T, b: T) => number, count: number): T[] {
  if (count <= 0) return [];
  if (count > SELECT_AT_MOST || items.length <= count) return [...items].sort(compare).slice(0, count);
  const first: T[] = [];
  for (const item of items) {
    if (first.length === count && compare(item, first[count - 1] as T) >= 0) continue;
    // Insert after any equal ones, as a stable sort keeps them.
    let lo = 0;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(item, first[mid] as T) < 0) hi = mid;
      else lo = mid + 1;
    }
    first.splice(lo, 0, item);
    if (first.length > count) first.pop();
  }
  return first;
}
