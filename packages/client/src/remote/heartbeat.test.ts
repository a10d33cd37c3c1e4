import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleHeartbeat, startHeartbeat } from './heartbeat.js';

describe('heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings every interval while the server is heard, and reports two silent intervals', () => {
    const sent: unknown[] = [];
    let silent = 0;
    const heartbeat = startHeartbeat(
      1000,
      (f) => sent.push(f),
      () => silent++,
    );
    vi.advanceTimersByTime(1000);
    heartbeat.heard();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([{ type: 'ping' }, { type: 'ping' }]);
    expect(silent).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(silent).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(silent).toBe(1);
    expect(sent).toHaveLength(2);
    heartbeat.stop();
  });

  it('answers a ping with a pong and swallows pongs', () => {
    const sent: unknown[] = [];
    expect(handleHeartbeat({ type: 'ping', seq: 3 }, (f) => sent.push(f))).toBe(true);
    expect(handleHeartbeat({ type: 'pong', seq: 4 }, (f) => sent.push(f))).toBe(true);
    expect(
      handleHeartbeat(
        { type: 'welcome', seq: 1, version: 1, instanceId: 'x', heartbeatIntervalMs: 1 },
        () => {},
      ),
    ).toBe(false);
    expect(sent).toEqual([{ type: 'pong' }]);
  });
});
