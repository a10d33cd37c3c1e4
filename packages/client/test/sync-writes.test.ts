import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  collection,
  type DocumentSnapshot,
  disableNetwork,
  doc,
  enableNetwork,
  onSnapshot,
  onSnapshotsInSync,
  type QuerySnapshot,
  serverTimestamp,
  setDoc,
  snapshotEqual,
  Timestamp,
  terminate,
  updateDoc,
  waitForPendingWrites,
  writeBatch,
} from '../src/index.js';
import { Connection } from '../src/remote/connection.js';
import { useEmulator } from './setup.js';
import { collect } from './sync-support.js';

const emulator = useEmulator();
const ids = (s: QuerySnapshot) => s.docs.map((d) => d.id);
const meta = (s: QuerySnapshot | DocumentSnapshot) => [s.metadata.hasPendingWrites, s.metadata.fromCache];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('latency compensation against the emulator', () => {
  it('reverts a rejected batch in the listeners and rejects its promise with the server code', async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    const snaps = collect<QuerySnapshot>();
    const stop = onSnapshot(c, (s) => snaps.push(s));
    await snaps.next(1);
    const batch = writeBatch(db);
    batch.set(doc(c, 'a'), { v: 1 });
    batch.update(doc(c, 'missing'), { v: 2 });
    const committed = batch.commit();
    expect(ids(snaps.seen[1])).toEqual(['a']);
    expect(meta(snaps.seen[1])).toEqual([true, false]);
    await expect(committed).rejects.toMatchObject({ code: 'not-found' });
    expect(ids(snaps.seen[2])).toEqual([]);
    expect(snaps.seen[2].docChanges().map((ch) => `${ch.type} ${ch.doc.id} ${ch.oldIndex}`)).toEqual([
      'removed a 0',
    ]);
    stop();
  });

  it('shows pending server timestamps as null, the estimate or the previous value, then the server value', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    await setDoc(ref, { at: 'before' });
    const snaps = collect<DocumentSnapshot>();
    const stop = onSnapshot(ref, { includeMetadataChanges: true }, (s) => snaps.push(s));
    await snaps.next(1);
    const written = updateDoc(ref, { at: serverTimestamp() });
    const pending = snaps.seen[1];
    expect(pending.metadata.hasPendingWrites).toBe(true);
    expect(pending.data()).toEqual({ at: null });
    expect(pending.get('at', { serverTimestamps: 'previous' })).toBe('before');
    expect(pending.data({ serverTimestamps: 'estimate' })!.at).toBeInstanceOf(Timestamp);
    await written;
    const acked = await snaps.until((s) => !s.metadata.hasPendingWrites);
    expect(acked.data()!.at).toBeInstanceOf(Timestamp);
    stop();
  });

  it('queues writes while the network is disabled and sends them on enableNetwork', async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    const snaps = collect<QuerySnapshot>();
    const stop = onSnapshot(c, { includeMetadataChanges: true }, (s) => snaps.push(s));
    await snaps.next(1);
    await disableNetwork(db);
    const offline = await snaps.until((s) => s.metadata.fromCache);
    expect(ids(offline)).toEqual([]);
    let acknowledged = false;
    const written = setDoc(doc(c, 'a'), { v: 1 }).then(() => {
      acknowledged = true;
    });
    const local = await snaps.until((s) => s.size === 1);
    expect(meta(local)).toEqual([true, true]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(acknowledged).toBe(false);
    await enableNetwork(db);
    await written;
    await waitForPendingWrites(db);
    const synced = await snaps.until((s) => !s.metadata.fromCache && !s.metadata.hasPendingWrites);
    expect(ids(synced)).toEqual(['a']);
    stop();
  });

  it('shares one server target between equal queries and removes it after the last unsubscribe', async () => {
    const frames: Array<{ addTarget?: { targetId: number }; removeTarget?: number }> = [];
    const send = Connection.prototype.send;
    vi.spyOn(Connection.prototype, 'send').mockImplementation(function (this: Connection, frame) {
      if (frame.type === 'listen') frames.push(frame as never);
      return send.call(this, frame);
    });
    const db = emulator.db();
    const c = collection(db, 'c');
    await setDoc(doc(c, 'a'), { v: 1 });
    const first = collect<QuerySnapshot>();
    const second = collect<QuerySnapshot>();
    const stops = [onSnapshot(c, (s) => first.push(s)), onSnapshot(c, (s) => second.push(s))];
    expect(ids(await first.next(1))).toEqual(['a']);
    expect(ids(await second.next(1))).toEqual(['a']);
    expect(frames.filter((f) => f.addTarget).length).toBe(1);
    stops[0]();
    await setDoc(doc(c, 'b'), { v: 2 });
    expect(first.seen).toHaveLength(1);
    expect(ids(second.seen.at(-1)!)).toEqual(['a', 'b']);
    expect(frames.filter((f) => f.removeTarget !== undefined)).toEqual([]);
    stops[1]();
    expect(frames.filter((f) => f.removeTarget !== undefined).length).toBe(1);
  });

  it('calls onSnapshotsInSync once at once and after each consistent round', async () => {
    const db = emulator.db();
    const snaps = collect<QuerySnapshot>();
    const stop = onSnapshot(collection(db, 'c'), (s) => snaps.push(s));
    await snaps.next(1);
    const order: string[] = [];
    const stopSync = onSnapshotsInSync(db, () => order.push('sync'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(['sync']);
    const stopLogged = onSnapshot(collection(db, 'c'), () => order.push('snapshot'));
    await setDoc(doc(db, 'c/a'), { v: 1 });
    expect(order.slice(0, 3)).toEqual(['sync', 'snapshot', 'sync']);
    for (const s of [stop, stopSync, stopLogged]) s();
  });

  it('compares snapshots with snapshotEqual', async () => {
    const db = emulator.db();
    await setDoc(doc(db, 'c/a'), { v: 1 });
    const a = collect<QuerySnapshot>();
    const b = collect<QuerySnapshot>();
    const stops = [
      onSnapshot(collection(db, 'c'), (s) => a.push(s)),
      onSnapshot(collection(db, 'c'), (s) => b.push(s)),
    ];
    const [x, y] = await Promise.all([a.next(1), b.next(1)]);
    expect(snapshotEqual(x, y)).toBe(true);
    expect(snapshotEqual(x.docs[0], y.docs[0])).toBe(true);
    const pending = setDoc(doc(db, 'c/a'), { v: 2 });
    expect(snapshotEqual(a.seen[1], x)).toBe(false);
    await pending;
    for (const s of stops) s();
  });
});

describe('terminate', () => {
  it('stops listeners quietly and fails later calls', async () => {
    const db = emulator.db();
    const snaps = collect<QuerySnapshot>();
    const errors: string[] = [];
    onSnapshot(
      collection(db, 'c'),
      (s) => snaps.push(s),
      (e) => errors.push(e.code),
    );
    await snaps.next(1);
    await terminate(db);
    expect(() => onSnapshot(collection(db, 'c'), () => {})).toThrow(/terminated/);
    expect(() => waitForPendingWrites(db)).toThrow(/terminated/);
    expect(errors).toEqual([]);
    expect(snaps.seen).toHaveLength(1);
  });
});
