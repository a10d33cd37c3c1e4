import { describe, expect, it } from 'vitest';
import { CommitLog, type CommitRecord } from './commit-log.js';

const record = (version: number): CommitRecord => ({ version, commitTime: `t${version}`, changes: [] });

describe('CommitLog', () => {
  it('replays the commits after a version while it still holds them', () => {
    const log = new CommitLog(3);
    expect(log.since(0)).toEqual([]);
    for (let v = 1; v <= 5; v++) log.append(record(v));
    expect(log.since(2)?.map((r) => r.version)).toEqual([3, 4, 5]);
    expect(log.since(4)?.map((r) => r.version)).toEqual([5]);
    expect(log.since(5)).toEqual([]);
    expect(log.since(1)).toBeUndefined();
  });

  it('tells subscribers about each commit in order until they unsubscribe', () => {
    const log = new CommitLog();
    const seen: number[] = [];
    const unsubscribe = log.subscribe((r) => seen.push(r.version));
    log.append(record(1));
    log.append(record(2));
    unsubscribe();
    log.append(record(3));
    expect(seen).toEqual([1, 2]);
  });
});
