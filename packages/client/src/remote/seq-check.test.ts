import { describe, expect, it } from 'vitest';
import { SeqCheck } from './seq-check.js';

describe('SeqCheck', () => {
  it('accepts 1, 2, 3 … and refuses gaps, repeats and missing numbers', () => {
    const check = new SeqCheck();
    expect([1, 2, 3].map((s) => check.accept(s))).toEqual([true, true, true]);
    expect(check.accept(5)).toBe(false);
    expect(check.accept(3)).toBe(false);
    expect(check.accept(undefined)).toBe(false);
    expect(check.accept(4)).toBe(true);
  });
});
