import { describe, expect, it } from 'vitest';
import { CoalescingQueue } from './coalescing-queue.js';

type Entry = { key?: string; value: string };
const sum = (older: Entry, newer: Entry): Entry | null =>
  newer.value === 'cancel' ? null : { key: newer.key, value: `${older.value}+${newer.value}` };

function drain(queue: CoalescingQueue<Entry>): string[] {
  const out: string[] = [];
  for (let e = queue.shift(); e; e = queue.shift()) out.push(`${e.key ?? '-'}:${e.value}`);
  return out;
}

describe('CoalescingQueue', () => {
  it('keeps order and holds everything within the bound', () => {
    const queue = new CoalescingQueue<Entry>(3, (e) => e.key, sum);
    for (const [key, value] of [
      ['a', '1'],
      ['a', '2'],
      ['b', '3'],
    ])
      queue.push({ key, value });
    expect(drain(queue)).toEqual(['a:1', 'a:2', 'b:3']);
  });

  it('folds the oldest entry into the next one for its key past the bound', () => {
    const queue = new CoalescingQueue<Entry>(2, (e) => e.key, sum);
    for (const [key, value] of [
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
      ['b', '4'],
      ['c', '5'],
    ]) {
      queue.push({ key, value });
    }
    expect(drain(queue)).toEqual(['a:1+3', 'b:2+4', 'c:5']);
  });

  it('drops both entries when the merge cancels them, and never drops unique keys', () => {
    const queue = new CoalescingQueue<Entry>(1, (e) => e.key, sum);
    queue.push({ key: 'a', value: '1' });
    queue.push({ key: 'a', value: 'cancel' });
    expect(queue.length).toBe(0);
    for (const key of ['x', 'y', 'z']) queue.push({ key, value: key });
    queue.push({ value: 'barrier' });
    expect(drain(queue)).toEqual(['x:x', 'y:y', 'z:z', '-:barrier']);
  });
});
