import { describe, expect, it } from 'vitest';
import { firstInOrder } from './first-in-order.js';

describe('firstInOrder', () => {
  it('returns what a stable sort puts first, ties included, for any count', () => {
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    for (const length of [0, 1, 2, 5, 50, 400, 1000]) {
      // Few distinct keys, in a scrambled order: many ties, each element tagged with its position.
      const items = Array.from({ length }, (_, i) => ({ key: (i * 37 + length) % 13, i }));
      for (const count of [0, 1, 2, 3, 5, 17, 255, 256, 257, 999, 5000]) {
        const sorted = [...items].sort(byKey).slice(0, count);
        expect(firstInOrder(items, byKey, count), `${count} of ${length}`).toEqual(sorted);
      }
    }
  });

  it('leaves its input as it was', () => {
    const items = [3, 1, 2];
    expect(firstInOrder(items, (a, b) => a - b, 2)).toEqual([1, 2]);
    expect(firstInOrder(items, (a, b) => a - b, 5)).toEqual([1, 2, 3]);
    expect(firstInOrder(items, (a, b) => a - b, 0)).toEqual([]);
    expect(items).toEqual([3, 1, 2]);
  });
});
