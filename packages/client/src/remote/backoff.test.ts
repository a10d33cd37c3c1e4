import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExponentialBackoff } from './backoff.js';

describe('ExponentialBackoff.nextDelay', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('starts at zero, grows by the factor up to the cap, with full jitter', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    const backoff = new ExponentialBackoff(100, 2, 500);
    const delays = Array.from({ length: 6 }, () => Math.round(backoff.nextDelay()));
    expect(delays).toEqual([0, 100, 200, 400, 500, 500]);
  });

  it('jitters uniformly down to zero and starts over after reset', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const backoff = new ExponentialBackoff(100, 2, 500);
    backoff.nextDelay();
    expect(backoff.nextDelay()).toBe(0);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(backoff.nextDelay()).toBe(100);
    backoff.reset();
    expect(backoff.nextDelay()).toBe(0);
    expect(backoff.nextDelay()).toBe(50);
  });
});
