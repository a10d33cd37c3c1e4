import {
  type CommitResponse,
  compileQuery,
  type Document,
  type StructuredQuery,
  type Target,
  type Write,
} from '@kindling/core';
import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { FirestoreError } from '../api/error.js';
import type {
  ConnectionState,
  SyncedRemoteEvent,
  SyncedTargetUpdate,
  WatchPort,
  WritePort,
} from './ports.js';
import type { ViewSnapshot, ViewTarget } from './query-view.js';
import { SyncEngine } from './sync-engine.js';
import { indexChanges } from './view-changes.js';

const DB = 'projects/p/databases/(default)';
const PARENT = `${DB}/documents`;
const name = (id: string) => `${PARENT}/c/${id}`;
const doc = (id: string, n: number, updateTime = '2025-01-01T00:00:01Z'): Document => ({
  name: name(id),
  fields: { n: { integerValue: String(n) } },
  createTime: '2025-01-01T00:00:00Z',
  updateTime,
});
const setN = (id: string, n: number): Write => ({
  update: { name: name(id), fields: { n: { integerValue: String(n) } } },
});

class FakeWatch implements WatchPort {
  readonly events$ = new Subject<SyncedRemoteEvent>();
  readonly targetErrors$ = new Subject<{ targetId: number; error: FirestoreError }>();
  readonly listens: Array<[number, Omit<Target, 'targetId'>]> = [];
  readonly unlistens: number[] = [];
  #next = 1;
  nextTargetId(): number {
    return this.#next++;
  }
  listen(targetId: number, target: Omit<Target, 'targetId'>): void {
    this.listens.push([targetId, target]);
  }
  unlisten(targetId: number): void {
    this.unlistens.push(targetId);
  }
  /** One global marker carrying these targets' whole synced results. */
  emit(readTime: string, targets: Record<number, Document[]>, current = true): void {
    const map = new Map<number, SyncedTargetUpdate>();
    for (const [id, docs] of Object.entries(targets)) {
      map.set(Number(id), { documents: new Map(docs.map((d) => [d.name, d])), current });
    }
    this.events$.next({ readTime, targets: map });
  }
}

class FakeWrites implements WritePort {
  readonly commits: Array<{
    writes: Write[];
    resolve: (r: CommitResponse) => void;
    reject: (e: unknown) => void;
  }> = [];
  commit(writes: Write[]): Promise<CommitResponse> {
    return new Promise((resolve, reject) => this.commits.push({ writes, resolve, reject }));
  }
}

function setup() {
  const watch = new FakeWatch();
  const writes = new FakeWrites();
  const state$ = new BehaviorSubject<ConnectionState>('offline');
  const network = {
    state$,
    disableNetwork: () => state$.next('offline'),
    enableNetwork: () => state$.next('connecting'),
  };
  const engine = new SyncEngine(watch, writes, network, () => Date.parse('2025-01-01T00:00:05Z'));
  state$.next('connecting');
  state$.next('online');
  return { watch, writes, engine, state$ };
}

function queryTarget(structuredQuery: StructuredQuery): { view: ViewTarget; wire: Omit<Target, 'targetId'> } {
  const { limit: _limit, ...shown } = structuredQuery;
  return {
    view: {
      kind: 'query',
      parent: PARENT,
      structuredQuery,
      reversed: false,
      compare: compileQuery(PARENT, shown).compare,
    },
    wire: { query: { parent: PARENT, structuredQuery } },
  };
}

const byN: StructuredQuery = {
  from: [{ collectionId: 'c' }],
  orderBy: [{ field: { fieldPath: 'n' }, direction: 'ASCENDING' }],
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function record(engine: SyncEngine, target: ReturnType<typeof queryTarget>, includeMetadataChanges = false) {
  const seen: ViewSnapshot[] = [];
  const subscription = engine
    .listen(target.view, target.wire, { includeMetadataChanges })
    .subscribe((s) => seen.push(s));
  return { seen, subscription };
}

const ids = (s: ViewSnapshot) => s.docs.map((d) => d.name.split('/').pop());
const changes = (s: ViewSnapshot, includeMetadataChanges = false) =>
  indexChanges(s.oldDocs, s.changes, s.compare, includeMetadataChanges).map(
    (c) => `${c.type} ${c.doc.name.split('/').pop()} ${c.oldIndex} ${c.newIndex}`,
  );

describe('SyncEngine', () => {
  it('shares one server target between equal queries and unlistens after the last', async () => {
    const { watch, engine } = setup();
    const a = record(engine, queryTarget(byN));
    const b = record(engine, queryTarget(byN));
    expect(watch.listens.map(([id]) => id)).toEqual([1]);
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('x', 1)] });
    await flush();
    expect(a.seen.map(ids)).toEqual([['x']]);
    expect(b.seen.map(ids)).toEqual([['x']]);
    const c = record(engine, queryTarget(byN));
    await flush();
    expect(c.seen.map(ids)).toEqual([['x']]);
    a.subscription.unsubscribe();
    b.subscription.unsubscribe();
    expect(watch.unlistens).toEqual([]);
    c.subscription.unsubscribe();
    expect(watch.unlistens).toEqual([1]);
    record(engine, queryTarget(byN));
    expect(watch.listens.map(([id]) => id)).toEqual([1, 2]);
  });

  it('holds an empty first snapshot until CURRENT, then reports exact changes', async () => {
    const { watch, engine } = setup();
    const { seen } = record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [] }, false);
    await flush();
    expect(seen).toEqual([]);
    watch.emit('2025-01-01T00:00:03Z', { 1: [doc('a', 1), doc('b', 2)] });
    expect(seen.map((s) => changes(s))).toEqual([['added a -1 0', 'added b -1 1']]);
    expect(seen[0].fromCache).toBe(false);
    watch.emit('2025-01-01T00:00:04Z', { 1: [doc('b', 2), doc('a', 3), doc('c', 0)] });
    expect(changes(seen[1])).toEqual(['added c -1 0', 'modified a 1 2']);
  });

  it('raises a first snapshot from cache when documents are known before CURRENT, as Firebase does', () => {
    const { watch, engine } = setup();
    const { seen } = record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1)] }, false);
    watch.emit('2025-01-01T00:00:03Z', { 1: [doc('a', 1)] });
    expect(seen.map((s) => [ids(s), s.fromCache])).toEqual([[['a'], true]]);
  });

  it('shows a local write at once, then its acknowledgement as a metadata change', async () => {
    const { watch, writes, engine } = setup();
    const plain = record(engine, queryTarget(byN));
    const meta = record(engine, queryTarget(byN), true);
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1)] });
    const written = engine.write([setN('b', 0)]);
    for (const { seen } of [plain, meta]) {
      expect(seen.map(ids)).toEqual([['a'], ['b', 'a']]);
      expect(seen[1].hasPendingWrites).toBe(true);
      expect([...seen[1].mutated]).toEqual([name('b')]);
      expect(changes(seen[1])).toEqual(['added b -1 0']);
    }
    writes.commits[0].resolve({ commitTime: '2025-01-01T00:00:06Z', writeResults: [] });
    await written;
    expect(plain.seen).toHaveLength(2);
    expect(meta.seen).toHaveLength(3);
    expect(meta.seen[2].hasPendingWrites).toBe(false);
    expect(changes(meta.seen[2])).toEqual([]);
    expect(changes(meta.seen[2], true)).toEqual(['modified b 0 0']);
    // The watch stream catches up: same data, nothing to raise.
    watch.emit('2025-01-01T00:00:06Z', { 1: [doc('a', 1), doc('b', 0, '2025-01-01T00:00:06Z')] });
    expect(plain.seen).toHaveLength(2);
    expect(meta.seen).toHaveLength(3);
  });

  it('drops an acknowledged overlay once the watch stream reaches its commit, or at once when nothing shows it', async () => {
    const { watch, writes, engine } = setup();
    const { seen } = record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1)] });
    const shown = engine.write([setN('b', 2)]);
    writes.commits[0].resolve({ commitTime: '2025-01-01T00:00:06Z', writeResults: [] });
    await shown;
    // Before the commit's readTime the overlay still stands in for the server's answer…
    watch.emit('2025-01-01T00:00:05Z', { 1: [doc('a', 1)] });
    expect(seen.map(ids).at(-1)).toEqual(['a', 'b']);
    // …and after it the server's result is the truth (here, someone deleted b meanwhile).
    watch.emit('2025-01-01T00:00:07Z', { 1: [doc('a', 1)] });
    expect(seen.map(ids).at(-1)).toEqual(['a']);
    const elsewhere = engine.write([{ update: { name: `${PARENT}/other/x`, fields: {} } }]);
    writes.commits[1].resolve({ commitTime: '2025-01-01T00:00:08Z', writeResults: [] });
    await elsewhere;
    await engine.waitForPendingWrites();
    expect(seen.map(ids).at(-1)).toEqual(['a']);
  });

  it('keeps an acknowledged delete over an older version the watch stream brings after the acknowledgement', async () => {
    const { watch, writes, engine } = setup();
    const { seen } = record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [] });
    const deleted = engine.write([{ delete: name('a') }]);
    // The ack comes first; the view shows nothing of `a`, yet the watch stream still owes its older version.
    writes.commits[0].resolve({ commitTime: '2025-01-01T00:00:06Z', writeResults: [] });
    await deleted;
    watch.emit('2025-01-01T00:00:04Z', { 1: [doc('a', 1)] });
    expect(seen.map(ids).at(-1)).toEqual([]);
    watch.emit('2025-01-01T00:00:06Z', { 1: [] });
    expect(seen.map(ids)).toEqual([[]]);
  });

  it('reverts a rejected write and rejects its promise', async () => {
    const { watch, writes, engine } = setup();
    const { seen } = record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1)] });
    const written = engine.write([{ ...setN('a', 5), currentDocument: { exists: false } }]);
    // The local precondition fails too: nothing changes.
    expect(seen).toHaveLength(1);
    const other = engine.write([setN('a', 7)]);
    expect(changes(seen[1])).toEqual(['modified a 0 0']);
    writes.commits[0].reject(new FirestoreError('already-exists', 'exists'));
    writes.commits[1].reject(new FirestoreError('permission-denied', 'no'));
    await expect(written).rejects.toMatchObject({ code: 'already-exists' });
    await expect(other).rejects.toMatchObject({ code: 'permission-denied' });
    expect(seen.map(ids)).toEqual([['a'], ['a'], ['a']]);
    expect(seen[2].docs[0].fields).toEqual({ n: { integerValue: '1' } });
    expect(seen[2].hasPendingWrites).toBe(false);
    await engine.waitForPendingWrites();
  });

  it('keeps a limit window exact over local writes', async () => {
    const { watch, engine } = setup();
    const { seen } = record(engine, queryTarget({ ...byN, limit: 2 }));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1), doc('b', 2)] });
    void engine.write([setN('z', 0)]).catch(() => {});
    expect(seen.map(ids)).toEqual([
      ['a', 'b'],
      ['z', 'a'],
    ]);
    expect(changes(seen[1])).toEqual(['removed b 1 -1', 'added z -1 0']);
  });

  it("follows a synced limit target's server result, not a document another target holds", () => {
    const { watch, engine } = setup();
    record(engine, queryTarget(byN));
    const { seen } = record(engine, queryTarget({ ...byN, limit: 2 }));
    watch.emit('2025-01-01T00:00:02Z', {
      1: [doc('a', 1), doc('b', 2), doc('c', 3)],
      2: [doc('a', 1), doc('b', 2)],
    });
    // The targets answer at their own pace: `z` reached the first target before the second's window moved.
    watch.emit('2025-01-01T00:00:03Z', {
      1: [doc('z', 0), doc('a', 1), doc('b', 2), doc('c', 3)],
      2: [doc('a', 1), doc('b', 2)],
    });
    expect(seen.map(ids)).toEqual([['a', 'b']]);
    expect(seen.at(-1)!.fromCache).toBe(false);
    watch.emit('2025-01-01T00:00:04Z', { 2: [doc('z', 0), doc('a', 1)] });
    expect(seen.map(ids)).toEqual([
      ['a', 'b'],
      ['z', 'a'],
    ]);
  });

  it('raises an empty snapshot from cache when offline, and turns fromCache when reconnecting fails', async () => {
    const { watch, engine, state$ } = setup();
    const meta = record(engine, queryTarget(byN), true);
    const plain = record(engine, queryTarget(byN));
    await engine.disableNetwork();
    await flush();
    expect(meta.seen.map((s) => [ids(s), s.fromCache])).toEqual([[[], true]]);
    await engine.enableNetwork();
    state$.next('online');
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1)] });
    expect(meta.seen.map((s) => [ids(s), s.fromCache])).toEqual([
      [[], true],
      [['a'], false],
    ]);
    // A dropped socket alone is not offline (Firebase's OnlineState.Unknown)…
    state$.next('offline');
    expect(meta.seen.at(-1)!.fromCache).toBe(false);
    // …a reconnect attempt that fails is.
    state$.next('connecting');
    state$.next('offline');
    expect(meta.seen.at(-1)!.fromCache).toBe(true);
    expect(changes(meta.seen.at(-1)!)).toEqual([]);
    expect(plain.seen.map((s) => s.fromCache)).toEqual([true, false]);
  });

  it('brings a document another target knows into a view when a local update makes it match', () => {
    const { watch, engine } = setup();
    const tagged: StructuredQuery = {
      from: [{ collectionId: 'c' }],
      where: { fieldFilter: { field: { fieldPath: 'n' }, op: 'GREATER_THAN', value: { integerValue: '5' } } },
    };
    const big = record(engine, queryTarget(tagged));
    record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [], 2: [doc('a', 1)] });
    void engine
      .write([{ ...setN('a', 9), updateMask: { fieldPaths: ['n'] }, currentDocument: { exists: true } }])
      .catch(() => {});
    expect(big.seen.map(ids)).toEqual([[], ['a']]);
  });

  it("serves source: 'cache' from local state only, without a server target", async () => {
    const { watch, engine } = setup();
    const { view, wire } = queryTarget(byN);
    const seen: ViewSnapshot[] = [];
    engine.listen(view, wire, { source: 'cache' }).subscribe((s) => seen.push(s));
    await flush();
    expect(watch.listens).toEqual([]);
    expect(seen.map((s) => [ids(s), s.fromCache])).toEqual([[[], true]]);
    void engine.write([setN('a', 1)]).catch(() => {});
    expect(seen.map((s) => [ids(s), s.fromCache, s.hasPendingWrites])).toEqual([
      [[], true, false],
      [['a'], true, true],
    ]);
  });

  it('raises the held-back first snapshot when connecting fails later', async () => {
    const { engine, state$ } = setup();
    const { seen } = record(engine, queryTarget(byN));
    await flush();
    expect(seen).toEqual([]);
    state$.next('offline');
    state$.next('connecting');
    state$.next('offline');
    expect(seen.map((s) => [ids(s), s.fromCache])).toEqual([[[], true]]);
  });

  it('fails the listeners of a target the server removed', async () => {
    const { watch, engine } = setup();
    const errors: string[] = [];
    engine
      .listen(queryTarget(byN).view, queryTarget(byN).wire)
      .subscribe({ error: (e) => errors.push(e.code) });
    watch.targetErrors$.next({ targetId: 1, error: new FirestoreError('permission-denied', 'no') });
    expect(errors).toEqual(['permission-denied']);
    record(engine, queryTarget(byN));
    expect(watch.listens.map(([id]) => id)).toEqual([1, 2]);
  });
});

describe('SyncEngine memory cache (Firebase first snapshots from cached documents)', () => {
  const docTarget = (id: string) => ({
    view: { kind: 'document' as const, name: name(id) },
    wire: { documents: { documents: [name(id)] } },
  });
  const atLeast = (n: number): StructuredQuery => ({
    ...byN,
    where: {
      fieldFilter: {
        field: { fieldPath: 'n' },
        op: 'GREATER_THAN_OR_EQUAL',
        value: { integerValue: String(n) },
      },
    },
  });
  const meta = (s: ViewSnapshot) => ({ fromCache: s.fromCache, hasPendingWrites: s.hasPendingWrites });

  it('raises a new query first from documents another target holds, then the server result relative to it', async () => {
    const { watch, engine } = setup();
    record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1), doc('b', 2), doc('c', 3)] });
    const limited = record(engine, queryTarget({ ...byN, limit: 2 }), true);
    await flush();
    expect(limited.seen.map(ids)).toEqual([['a', 'b']]);
    expect(changes(limited.seen[0])).toEqual(['added a -1 0', 'added b -1 1']);
    expect(meta(limited.seen[0])).toEqual({ fromCache: true, hasPendingWrites: false });
    // The server's window differs from the cached one (a was deleted meanwhile).
    watch.emit('2025-01-01T00:00:03Z', { 1: [doc('b', 2), doc('c', 3)], 2: [doc('b', 2), doc('c', 3)] });
    expect(limited.seen.map(ids)).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    expect(changes(limited.seen[1])).toEqual(['removed a 0 -1', 'added c -1 1']);
    expect(meta(limited.seen[1])).toEqual({ fromCache: false, hasPendingWrites: false });
  });

  it('raises only a metadata change at CURRENT when the cached result was right', async () => {
    const { watch, engine } = setup();
    record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1), doc('b', 2)] });
    const plain = record(engine, queryTarget(atLeast(2)));
    const withMeta = record(engine, docTarget('a'), true);
    await flush();
    expect(plain.seen.map((s) => [ids(s), changes(s), meta(s)])).toEqual([
      [['b'], ['added b -1 0'], { fromCache: true, hasPendingWrites: false }],
    ]);
    expect(withMeta.seen.map((s) => [ids(s), s.fromCache])).toEqual([[['a'], true]]);
    watch.emit('2025-01-01T00:00:03Z', { 1: [doc('a', 1), doc('b', 2)], 2: [doc('b', 2)], 3: [doc('a', 1)] });
    // A listener without metadata changes hears nothing; the other one gets fromCache: false with no changes.
    expect(plain.seen).toHaveLength(1);
    expect(withMeta.seen.map((s) => [ids(s), s.fromCache, changes(s, true)])).toEqual([
      [['a'], true, ['added a -1 0']],
      [['a'], false, []],
    ]);
  });

  it('overlays pending writes on cached documents', async () => {
    const { watch, engine } = setup();
    record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1), doc('b', 2)] });
    void engine.write([setN('a', 5)]);
    const { seen } = record(engine, queryTarget(atLeast(2)), true);
    await flush();
    expect(seen.map((s) => [ids(s), [...s.mutated], meta(s)])).toEqual([
      [['b', 'a'], [name('a')], { fromCache: true, hasPendingWrites: true }],
    ]);
  });

  it('holds back an empty cached result for a new query, and follows the cache until the target syncs', async () => {
    const { watch, engine } = setup();
    const { seen } = record(engine, queryTarget(atLeast(2)));
    await flush();
    expect(seen).toEqual([]);
    record(engine, queryTarget(byN));
    // Another target brings a matching document before this one is CURRENT: Firebase's view shows it from cache.
    watch.emit('2025-01-01T00:00:02Z', { 2: [doc('a', 1), doc('b', 2)] });
    expect(seen.map((s) => [ids(s), s.fromCache])).toEqual([[['b'], true]]);
    watch.emit('2025-01-01T00:00:03Z', { 1: [doc('b', 2)] });
    expect(seen).toHaveLength(1);
  });

  it("keeps a released target's documents for later listeners, and raises an empty re-listened query at once", async () => {
    const { watch, engine } = setup();
    const first = record(engine, queryTarget(byN));
    const empty = record(engine, queryTarget(atLeast(9)));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1)], 2: [] });
    first.subscription.unsubscribe();
    empty.subscription.unsubscribe();
    const again = record(engine, queryTarget(byN));
    const emptyAgain = record(engine, queryTarget(atLeast(9)));
    await flush();
    expect(again.seen.map((s) => [ids(s), s.fromCache])).toEqual([[['a'], true]]);
    // Firebase still holds the released query's target data, so its (empty) cached result is raised.
    expect(emptyAgain.seen.map((s) => [ids(s), s.fromCache])).toEqual([[[], true]]);
    watch.emit('2025-01-01T00:00:03Z', { 3: [doc('a', 1), doc('b', 2)], 4: [] });
    expect(again.seen.map((s) => [ids(s), s.fromCache])).toEqual([
      [['a'], true],
      [['a', 'b'], false],
    ]);
    expect(changes(again.seen[1])).toEqual(['added b -1 1']);
    expect(emptyAgain.seen).toHaveLength(1);
  });

  it('forgets a document its only target dropped (it may be deleted), unless a pending write needs it', async () => {
    const { watch, engine } = setup();
    const holder = record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1), doc('b', 2)] });
    void engine.write([{ update: { name: name('b'), fields: {} }, updateMask: { fieldPaths: [] } }]);
    watch.emit('2025-01-01T00:00:03Z', { 1: [] });
    holder.subscription.unsubscribe();
    const docA = record(engine, docTarget('a'));
    const docB = record(engine, docTarget('b'));
    await flush();
    expect(docA.seen).toEqual([]);
    expect(docB.seen.map((s) => [ids(s), meta(s)])).toEqual([
      [['b'], { fromCache: true, hasPendingWrites: true }],
    ]);
  });

  it('refills a limit window a local delete shrank from up-to-date cached documents, in limbo until the server', async () => {
    const { watch, writes, engine } = setup();
    const window = record(engine, queryTarget({ ...byN, limit: 2 }), true);
    record(engine, queryTarget(atLeast(2)));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1), doc('b', 2)], 2: [doc('b', 2), doc('c', 3)] });
    const deleted = engine.write([{ delete: name('a') }]);
    expect(window.seen.map((s) => [ids(s), changes(s), meta(s)]).at(-1)).toEqual([
      ['b', 'c'],
      ['removed a 0 -1', 'added c -1 1'],
      { fromCache: true, hasPendingWrites: false },
    ]);
    writes.commits[0].resolve({ commitTime: '2025-01-01T00:00:06Z', writeResults: [] });
    await deleted;
    watch.emit('2025-01-01T00:00:06Z', { 1: [doc('b', 2), doc('c', 3)] });
    expect(window.seen.map((s) => [ids(s), changes(s, true), meta(s)]).at(-1)).toEqual([
      ['b', 'c'],
      [],
      { fromCache: false, hasPendingWrites: false },
    ]);
  });

  it('does not refill from documents of released targets (the server no longer keeps them up to date)', async () => {
    const { watch, engine } = setup();
    const window = record(engine, queryTarget({ ...byN, limit: 2 }));
    const other = record(engine, queryTarget(atLeast(2)));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1), doc('b', 2)], 2: [doc('b', 2), doc('c', 3)] });
    other.subscription.unsubscribe();
    void engine.write([{ delete: name('a') }]);
    expect(window.seen.map((s) => [ids(s), changes(s), s.fromCache]).at(-1)).toEqual([
      ['b'],
      ['removed a 0 -1'],
      false,
    ]);
  });

  it('shows a cache-only listener the cached documents', async () => {
    const { watch, engine } = setup();
    record(engine, queryTarget(byN));
    watch.emit('2025-01-01T00:00:02Z', { 1: [doc('a', 1)] });
    const target = queryTarget(byN);
    const seen: ViewSnapshot[] = [];
    engine.listen(target.view, target.wire, { source: 'cache' }).subscribe((s) => seen.push(s));
    await flush();
    expect(seen.map((s) => [ids(s), s.fromCache])).toEqual([[['a'], true]]);
    watch.emit('2025-01-01T00:00:03Z', { 1: [doc('a', 1), doc('b', 2)] });
    expect(seen.map(ids)).toEqual([['a'], ['a', 'b']]);
  });
});
