/**
 * Listener scenarios. Each step writes, then `settle()`s, so the compared sequence of snapshots does not depend
 * on timing. Writes through `fs`/`db` are the listener's own (latency-compensated, hasPendingWrites), writes
 * through `ctx.remote` come from another client and reach the listener only through its watch stream.
 *
 * Left out on purpose: a remote batch that deletes a listened document (the official emulator can deliver the
 * delete one snapshot after the batch's other writes; production Firestore delivers the batch at once), and
 * server timestamps in listened data (their values differ per run).
 */
import type * as full from 'firebase/firestore';
import type * as lite from 'firebase/firestore/lite';
import type { ListenContext, ListenScenario } from './harness.js';
import type { FullApi } from './recorder.js';

type Docs = Record<string, Record<string, unknown>>;

/** A Kindling bug several scenarios show (see `kindlingBug`). */
async function remoteSeed(ctx: ListenContext, path: string, docs: Docs): Promise<void> {
  const { fs, db } = ctx.remote;
  const batch = fs.writeBatch(db);
  for (const [id, data] of Object.entries(docs)) batch.set(fs.doc(db, path, id), data);
  await batch.commit();
}

function remoteDoc(ctx: ListenContext, path: string, id: string): lite.DocumentReference {
  return ctx.remote.fs.doc(ctx.remote.db, path, id);
}

/** `n` → `{ n, name }` documents d1…dk, for windows and ordering. */
function numbered(...ns: number[]): Docs {
  return Object.fromEntries(ns.map((n, i) => [`d${i + 1}`, { n, name: `doc ${i + 1}` }]));
}

function q(
  fs: FullApi,
  db: full.Firestore,
  path: string,
  ...constraints: (full.QueryConstraint | full.QueryCompositeFilterConstraint)[]
) {
  // query()'s overloads split composite and plain constraints; at runtime it takes any mix.
  return fs.query(fs.collection(db, path), ...(constraints as full.QueryConstraint[]));
}

export const listenScenarios: ListenScenario[] = [
  {
    name: 'document listener: missing, created, updated, field deleted, deleted, recreated (remote writes)',
    async run(fs, db, ctx) {
      const path = ctx.col('docs');
      ctx.listen('doc', fs.doc(db, path, 'a'));
      await ctx.settle();
      const ref = remoteDoc(ctx, path, 'a');
      const r = ctx.remote.fs;
      await r.setDoc(ref, { s: 'x', n: 1, nested: { t: true }, list: [1, 'two', null] });
      await ctx.settle();
      await r.updateDoc(ref, { n: 2.5, 'nested.u': 'new' });
      await ctx.settle();
      await r.updateDoc(ref, { s: r.deleteField() });
      await ctx.settle();
      await r.deleteDoc(ref);
      await ctx.settle();
      await r.setDoc(ref, {
        again: r.Timestamp.fromMillis(1_500_000_000_123),
        b: r.Bytes.fromBase64String('AQI='),
      });
      await ctx.settle();
    },
  },
  {
    name: 'document listener with metadata changes: local set, acknowledged, local update, local delete',
    async run(fs, db, ctx) {
      const path = ctx.col('docs');
      const ref = fs.doc(db, path, 'a');
      ctx.listen('doc', ref, { includeMetadataChanges: true });
      await ctx.settle();
      await fs.setDoc(ref, { n: 1 });
      await ctx.settle();
      await fs.updateDoc(ref, { n: fs.increment(2), m: 'x' });
      await ctx.settle();
      await fs.deleteDoc(ref);
      await ctx.settle();
    },
  },
  {
    name: 'document listener without metadata changes: local writes show once each',
    async run(fs, db, ctx) {
      const path = ctx.col('docs');
      const ref = fs.doc(db, path, 'a');
      ctx.listen('doc', ref);
      await ctx.settle();
      await fs.setDoc(ref, { n: 1 });
      await ctx.settle();
      await fs.setDoc(ref, { n: 1 }); // same data: nothing changes
      await ctx.settle();
      await fs.setDoc(ref, { n: 2 }, { merge: true });
      await ctx.settle();
      await fs.deleteDoc(ref);
      await ctx.settle();
    },
  },
  {
    name: 'query with where: documents entering, changing inside and leaving the filter (remote)',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, { a: { v: 1 }, b: { v: 5 }, c: { v: 10 } });
      ctx.listen('gt2', q(fs, db, path, fs.where('v', '>', 2)));
      await ctx.settle();
      const r = ctx.remote.fs;
      await r.setDoc(remoteDoc(ctx, path, 'a'), { v: 3 }); // enters
      await ctx.settle();
      await r.setDoc(remoteDoc(ctx, path, 'b'), { v: 6, extra: true }); // changes inside
      await ctx.settle();
      await r.setDoc(remoteDoc(ctx, path, 'c'), { v: 0 }); // leaves
      await ctx.settle();
      await r.setDoc(remoteDoc(ctx, path, 'd'), { v: 1 }); // never matches
      await r.setDoc(remoteDoc(ctx, path, 'e'), { v: 'text' }); // other type
      await ctx.settle();
      await r.deleteDoc(remoteDoc(ctx, path, 'b'));
      await ctx.settle();
    },
  },
  {
    name: 'query with orderBy: moves report oldIndex and newIndex',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(10, 20, 30, 40));
      ctx.listen('byN', q(fs, db, path, fs.orderBy('n')));
      // One at a time: the second starts from the documents the first cached (fromCache: true).
      await ctx.settle();
      ctx.listen('byNDesc', q(fs, db, path, fs.orderBy('n', 'desc')));
      await ctx.settle();
      const r = ctx.remote.fs;
      await r.updateDoc(remoteDoc(ctx, path, 'd1'), { n: 35 }); // first → third
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'd4'), { n: 5 }); // last → first
      await ctx.settle();
      await r.setDoc(remoteDoc(ctx, path, 'd5'), { n: 25, name: 'doc 5' }); // inserted in the middle
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'd2'), { name: 'renamed' }); // modified in place
      await ctx.settle();
      await r.deleteDoc(remoteDoc(ctx, path, 'd3'));
      await ctx.settle();
    },
  },
  {
    name: 'limit window: leaving lets the next one in, a new first pushes the last out (remote)',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2, 3, 4, 5));
      ctx.listen('first3', q(fs, db, path, fs.orderBy('n'), fs.limit(3)));
      await ctx.settle();
      const r = ctx.remote.fs;
      await r.deleteDoc(remoteDoc(ctx, path, 'd2')); // d4 enters
      await ctx.settle();
      await r.setDoc(remoteDoc(ctx, path, 'd0'), { n: 0, name: 'doc 0' }); // d4 leaves
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'd1'), { n: 10 }); // leaves the window; d4 back in
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'd5'), { n: 2 }); // from outside into the middle
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'd3'), { name: 'changed' }); // in place
      await ctx.settle();
    },
  },
  {
    name: 'limitToLast window: same moves, reported in ascending order',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2, 3, 4, 5));
      ctx.listen('last2', q(fs, db, path, fs.orderBy('n'), fs.limitToLast(2)));
      await ctx.settle();
      const r = ctx.remote.fs;
      await r.deleteDoc(remoteDoc(ctx, path, 'd5')); // d3 enters
      await ctx.settle();
      await r.setDoc(remoteDoc(ctx, path, 'd6'), { n: 9, name: 'doc 6' }); // d3 leaves
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'd1'), { n: 7 }); // from the bottom into the window
      await ctx.settle();
    },
  },
  {
    name: 'where + orderBy + limit together, with the filter field changing',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, {
        a: { open: true, p: 3 },
        b: { open: true, p: 1 },
        c: { open: false, p: 2 },
        d: { open: true, p: 4 },
      });
      ctx.listen(
        'open2',
        q(fs, db, path, fs.where('open', '==', true), fs.orderBy('p', 'desc'), fs.limit(2)),
      );
      await ctx.settle();
      const r = ctx.remote.fs;
      await r.updateDoc(remoteDoc(ctx, path, 'c'), { open: true, p: 5 });
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'd'), { open: false });
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'c'), { p: 0 });
      await ctx.settle();
    },
  },
  {
    name: 'query with metadata changes: local writes pending then acknowledged',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2));
      ctx.listen('all', q(fs, db, path, fs.orderBy('n')), { includeMetadataChanges: true });
      await ctx.settle();
      await fs.setDoc(fs.doc(db, path, 'd3'), { n: 3, name: 'doc 3' });
      await ctx.settle();
      await fs.updateDoc(fs.doc(db, path, 'd1'), { n: 5 });
      await ctx.settle();
      await fs.deleteDoc(fs.doc(db, path, 'd2'));
      await ctx.settle();
    },
  },
  {
    name: 'query without metadata changes: a local write shows once, its acknowledgement does not',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2));
      ctx.listen('all', q(fs, db, path, fs.orderBy('n')));
      await ctx.settle();
      await fs.setDoc(fs.doc(db, path, 'd3'), { n: 0, name: 'doc 3' });
      await ctx.settle();
      await fs.updateDoc(fs.doc(db, path, 'd3'), { n: 9 });
      await ctx.settle();
      await fs.deleteDoc(fs.doc(db, path, 'd1'));
      await ctx.settle();
    },
  },
  {
    name: 'local batch: one snapshot for sets, an update and a delete together',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2, 3));
      ctx.listen('all', q(fs, db, path, fs.orderBy('n')), { includeMetadataChanges: true });
      await ctx.settle();
      ctx.listen('plain', q(fs, db, path, fs.where('n', '>=', 2)));
      await ctx.settle();
      const batch = fs.writeBatch(db);
      batch.set(fs.doc(db, path, 'd4'), { n: 4, name: 'doc 4' });
      batch.set(fs.doc(db, path, 'd5'), { n: 0, name: 'doc 5' });
      batch.update(fs.doc(db, path, 'd1'), { n: 6 });
      batch.delete(fs.doc(db, path, 'd2'));
      await batch.commit();
      await ctx.settle();
    },
  },
  {
    name: 'remote batch without deletes: one snapshot for all its writes',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2));
      ctx.listen('all', q(fs, db, path, fs.orderBy('n')));
      await ctx.settle();
      await remoteSeed(ctx, path, {
        d1: { n: 7, name: 'moved' },
        d3: { n: 0, name: 'doc 3' },
        d4: { n: 2, name: 'doc 4' },
      });
      await ctx.settle();
    },
  },
  {
    name: 'local delete inside a full limit window: refilled when the server answers',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2, 3, 4));
      ctx.listen('first2', q(fs, db, path, fs.orderBy('n'), fs.limit(2)), { includeMetadataChanges: true });
      await ctx.settle();
      await fs.deleteDoc(fs.doc(db, path, 'd1'));
      await ctx.settle();
      await fs.setDoc(fs.doc(db, path, 'd9'), { n: 0, name: 'doc 9' });
      await ctx.settle();
    },
  },
  {
    name: 'two listeners on the same query and one on a document of it',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2));
      const query = q(fs, db, path, fs.orderBy('n'));
      ctx.listen('first', query);
      await ctx.settle();
      ctx.listen('second', query, { includeMetadataChanges: true });
      ctx.listen('doc', fs.doc(db, path, 'd1'), { includeMetadataChanges: true });
      await ctx.settle();
      await ctx.remote.fs.updateDoc(remoteDoc(ctx, path, 'd1'), { n: 3 });
      await ctx.settle();
      await fs.updateDoc(fs.doc(db, path, 'd2'), { n: 4 });
      await ctx.settle();
    },
  },
  {
    name: 'unsubscribe stops deliveries; a new listener starts from the current result',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1));
      const first = ctx.listen('first', q(fs, db, path));
      await ctx.settle();
      first.unsubscribe();
      await ctx.remote.fs.setDoc(remoteDoc(ctx, path, 'd2'), { n: 2 });
      await ctx.settle();
      ctx.listen('second', q(fs, db, path));
      await ctx.settle();
    },
  },
  {
    name: 'array-contains and in filters under changes',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, {
        a: { tags: ['x', 'y'], k: 1 },
        b: { tags: ['y'], k: 2 },
        c: { tags: [], k: 3 },
      });
      ctx.listen('hasX', q(fs, db, path, fs.where('tags', 'array-contains', 'x')));
      await ctx.settle();
      ctx.listen('kIn', q(fs, db, path, fs.where('k', 'in', [2, 3])));
      await ctx.settle();
      const r = ctx.remote.fs;
      await r.updateDoc(remoteDoc(ctx, path, 'b'), { tags: r.arrayUnion('x'), k: 4 });
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'a'), { tags: r.arrayRemove('x'), k: 3 });
      await ctx.settle();
    },
  },
  {
    name: 'collection group listener across parents',
    async run(fs, db, ctx) {
      const group = ctx.col('sub');
      const parents = ctx.col('parents');
      const r = ctx.remote.fs;
      await r.setDoc(r.doc(ctx.remote.db, parents, 'p1', group, 'x'), { n: 1 });
      ctx.listen('group', fs.query(fs.collectionGroup(db, group), fs.orderBy('n')));
      await ctx.settle();
      await r.setDoc(r.doc(ctx.remote.db, parents, 'p2', group, 'y'), { n: 0 });
      await ctx.settle();
      await r.setDoc(r.doc(ctx.remote.db, parents, 'p2', `${group}x`, 'z'), { n: 5 }); // another group
      await ctx.settle();
      await r.deleteDoc(r.doc(ctx.remote.db, parents, 'p1', group, 'x'));
      await ctx.settle();
    },
  },
  {
    name: 'or filter and a cursor with limit under changes',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2, 3, 4, 5));
      ctx.listen('either', q(fs, db, path, fs.or(fs.where('n', '==', 1), fs.where('n', '>=', 4))));
      await ctx.settle();
      ctx.listen('after2', q(fs, db, path, fs.orderBy('n'), fs.startAfter(2), fs.limit(2)));
      await ctx.settle();
      const r = ctx.remote.fs;
      await r.updateDoc(remoteDoc(ctx, path, 'd2'), { n: 6 });
      await ctx.settle();
      await r.updateDoc(remoteDoc(ctx, path, 'd4'), { n: 2 });
      await ctx.settle();
      await r.setDoc(remoteDoc(ctx, path, 'd6'), { n: 2.5, name: 'doc 6' });
      await ctx.settle();
    },
  },
  {
    name: 'offline: a local write shows from cache, and syncs when the network is back',
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await remoteSeed(ctx, path, numbered(1, 2));
      ctx.listen('all', q(fs, db, path, fs.orderBy('n')), { includeMetadataChanges: true });
      await ctx.settle();
      await fs.disableNetwork(db);
      await ctx.settle();
      const written = fs.setDoc(fs.doc(db, path, 'd3'), { n: 3, name: 'doc 3' });
      await ctx.settle();
      await fs.enableNetwork(db);
      await written;
      await ctx.settle();
    },
  },
];
