import { Observable, type Subscriber } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ListenStore, UNCLAIMED_GRACE_MS } from './listen-store.js';

/** An observable that records its subscribers, so tests can push values and count (un)subscriptions. */
function source() {
  const subscribers: Subscriber<string>[] = [];
  const counts = { subscribed: 0, unsubscribed: 0 };
  const observable = new Observable<string>((subscriber) => {
    counts.subscribed++;
    subscribers.push(subscriber);
    return () => {
      counts.unsubscribed++;
    };
  });
  return { observable, counts, last: () => subscribers.at(-1)! };
}

function cache() {
  const calls: string[] = [];
  return { calls, forget: () => calls.push('forget'), remember: () => calls.push('remember') };
}

describe('ListenStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('listens only once a component subscribes, and notifies it of each snapshot', () => {
    const { observable, counts, last } = source();
    const store = new ListenStore(() => observable, cache());
    expect(store.getState()).toEqual({ status: 'loading' });
    expect(counts.subscribed).toBe(0);
    const seen: unknown[] = [];
    store.subscribe(() => seen.push(store.getState()));
    last().next('one');
    last().next('two');
    expect(seen).toEqual([
      { status: 'success', snapshot: 'one' },
      { status: 'success', snapshot: 'two' },
    ]);
    expect(counts.subscribed).toBe(1);
  });

  it('keeps the listener through unsubscribe and subscribe in one task, and releases it once nobody holds it', () => {
    const { observable, counts } = source();
    const entries = cache();
    const store = new ListenStore(() => observable, entries);
    const first = store.subscribe(() => {});
    first();
    const second = store.subscribe(() => {});
    vi.runAllTimers();
    expect(counts).toEqual({ subscribed: 1, unsubscribed: 0 });
    second();
    vi.advanceTimersByTime(0);
    expect(counts).toEqual({ subscribed: 1, unsubscribed: 1 });
    expect(store.disposed).toBe(true);
    expect(entries.calls).toEqual(['forget']);
  });

  it('resolves the suspense promise with the first snapshot, and with an error', async () => {
    const ok = source();
    const store = new ListenStore(() => ok.observable, cache());
    const settled = store.settled();
    expect(ok.counts.subscribed).toBe(1);
    ok.last().next('one');
    await settled;
    expect(store.getState()).toEqual({ status: 'success', snapshot: 'one' });
    const failing = source();
    const failed = new ListenStore(() => failing.observable, cache());
    const waiting = failed.settled();
    const error = Object.assign(new Error('denied'), { code: 'permission-denied' });
    failing.last().error(error);
    await waiting;
    expect(failed.getState()).toEqual({ status: 'error', error });
  });

  it('gives an unclaimed listener the grace period from its first snapshot, then releases it', () => {
    const { observable, counts, last } = source();
    const store = new ListenStore(() => observable, cache());
    void store.settled();
    // The first snapshot may take longer than the grace: a render waits on it.
    vi.advanceTimersByTime(UNCLAIMED_GRACE_MS * 2);
    expect(counts.unsubscribed).toBe(0);
    last().next('one');
    vi.advanceTimersByTime(UNCLAIMED_GRACE_MS - 1);
    expect(store.disposed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(store.disposed).toBe(true);
    expect(counts.unsubscribed).toBe(1);
  });

  it('keeps an error thrown to a boundary for the grace period, so retried renders find it', () => {
    const { observable, last } = source();
    const store = new ListenStore(() => observable, cache());
    void store.settled();
    last().error(Object.assign(new Error('no'), { code: 'resource-exhausted' }));
    vi.advanceTimersByTime(UNCLAIMED_GRACE_MS - 1);
    expect(store.getState().status).toBe('error');
    expect(store.disposed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(store.disposed).toBe(true);
  });

  it('sweeps a store that no render ever started without listening', () => {
    const { observable, counts } = source();
    const entries = cache();
    const store = new ListenStore(() => observable, entries);
    vi.advanceTimersByTime(UNCLAIMED_GRACE_MS);
    expect(store.disposed).toBe(true);
    expect(counts.subscribed).toBe(0);
    expect(entries.calls).toEqual(['forget']);
  });

  it('listens afresh when a component subscribes after the store was swept', () => {
    const { observable, counts, last } = source();
    const entries = cache();
    const store = new ListenStore(() => observable, entries);
    store.subscribe(() => {})();
    last().next('old');
    vi.advanceTimersByTime(0);
    expect(store.disposed).toBe(true);
    const seen: unknown[] = [];
    store.subscribe(() => seen.push(store.getState()));
    expect(store.getState()).toEqual({ status: 'loading' });
    last().next('new');
    expect(seen).toEqual([{ status: 'success', snapshot: 'new' }]);
    expect(counts).toEqual({ subscribed: 2, unsubscribed: 1 });
    expect(entries.calls).toEqual(['forget', 'remember']);
  });

  it('is an error at once, never listening, when the observable cannot be built', async () => {
    const error = Object.assign(new Error('bad query'), { code: 'invalid-argument' });
    const store = new ListenStore<string>(() => {
      throw error;
    }, cache());
    expect(store.getState()).toEqual({ status: 'error', error });
    store.subscribe(() => {});
    await store.settled();
    expect(store.getState()).toEqual({ status: 'error', error });
  });
});
