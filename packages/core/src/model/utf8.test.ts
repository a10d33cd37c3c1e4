import { describe, expect, it } from 'vitest';
import { compareUtf8, utf8Length } from './utf8.js';

describe('utf8', () => {
  it('counts UTF-8 bytes', () => {
    expect(['', 'a', 'é', '€', '😀', 'a😀é', '\uD800'].map(utf8Length)).toEqual([0, 1, 2, 3, 4, 7, 3]);
  });

  it('compares by code point, unlike JavaScript for astral characters', () => {
    expect('\uFFFF' < '😀').toBe(false);
    expect(compareUtf8('\uFFFF', '😀')).toBe(-1);
    expect(compareUtf8('😀', '\uFFFF')).toBe(1);
    expect(compareUtf8('😀', '😁')).toBe(-1);
    expect(compareUtf8('a', 'ab')).toBe(-1);
    expect(compareUtf8('B', 'a')).toBe(-1);
    expect(compareUtf8('é', 'é')).toBe(0);
  });
});
