import { describe, expect, it } from 'vitest';
import { Clock, microsToTimestamp, timestampToMicros } from './clock.js';

describe('Clock', () => {
  it('hands out strictly increasing times even when the wall clock stands still or goes back', () => {
    let now = 1000;
    const clock = new Clock(() => now);
    const a = clock.tick();
    const b = clock.tick();
    now = 999;
    const c = clock.tick();
    expect(a).toBe(1_000_000);
    expect(b).toBe(1_000_001);
    expect(c).toBe(1_000_002);
  });

  it('ticks after a reserved read time', () => {
    const clock = new Clock(() => 1);
    clock.reserve(5_000_000);
    expect(clock.tick()).toBe(5_000_001);
  });

  it('converts between microseconds and RFC 3339', () => {
    expect(microsToTimestamp(1_795_834_268_714_543)).toBe('2026-11-28T02:51:08.714543Z');
    expect(timestampToMicros('2026-11-28T02:51:08.714543999Z')).toBe(1_795_834_268_714_543);
    expect(timestampToMicros('1970-01-01T00:00:01Z')).toBe(1_000_000);
  });
});
