import { startEmulator } from '@kindling/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import {
  collection,
  connectFirestoreEmulator,
  type DocumentSnapshot,
  doc,
  getFirestore,
  initializeApp,
  onSnapshot,
  type QuerySnapshot,
  setDoc,
  terminate,
} from '../src/index.js';
import { collect } from './sync-support.js';

describe('listeners across an emulator restart', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>> | null = null;
  afterAll(async () => {
    await emulator?.stop();
  });

  it('turn fromCache while the server is gone, then report the new server state as changes', async () => {
    emulator = await startEmulator({ port: 0 });
    const { port, host } = emulator;
    const db = getFirestore(initializeApp({ projectId: 'demo-restart' }, `restart-${process.pid}`));
    connectFirestoreEmulator(db, host, port);
    const c = collection(db, 'c');
    await setDoc(doc(c, 'a'), { n: 1 });
    await setDoc(doc(c, 'b'), { n: 2 });
    const snaps = collect<QuerySnapshot>();
    const stop = onSnapshot(c, { includeMetadataChanges: true }, (s) => snaps.push(s));
    expect((await snaps.until((s) => !s.metadata.fromCache)).docs.map((d) => d.id)).toEqual(['a', 'b']);

    await emulator.stop();
    const offline = await snaps.until((s) => s.metadata.fromCache);
    expect(offline.docs.map((d) => d.id)).toEqual(['a', 'b']);
    expect(offline.docChanges()).toEqual([]);

    // A new in-memory emulator on the same port: the old resume token means nothing to it.
    emulator = await startEmulator({ port });
    const back = await snaps.until((s) => !s.metadata.fromCache);
    expect(back.docs.map((d) => d.id)).toEqual([]);
    expect(back.docChanges().map((ch) => `${ch.type} ${ch.doc.id} ${ch.oldIndex} ${ch.newIndex}`)).toEqual([
      'removed a 0 -1',
      'removed b 0 -1',
    ]);
    stop();
    await terminate(db);
  });

  it('sends writes made while the server is gone once it is back, in order', async () => {
    emulator ??= await startEmulator({ port: 0 });
    const { port, host } = emulator;
    const db = getFirestore(initializeApp({ projectId: 'demo-restart-writes' }, `restart-w-${process.pid}`));
    connectFirestoreEmulator(db, host, port);
    const ref = doc(db, 'c/x');
    const snaps = collect<DocumentSnapshot>();
    const stop = onSnapshot(ref, { includeMetadataChanges: true }, (s) => snaps.push(s));
    await snaps.until((s) => !s.metadata.fromCache);
    await emulator.stop();
    await snaps.until((s) => s.metadata.fromCache);
    const writes = [
      setDoc(ref, { v: 1 }),
      setDoc(ref, { v: 2 }, { merge: true }),
      setDoc(ref, { w: 3 }, { merge: true }),
    ];
    const local = snaps.seen.at(-1)!;
    expect([local.data(), local.metadata.hasPendingWrites, local.metadata.fromCache]).toEqual([
      { v: 2, w: 3 },
      true,
      true,
    ]);
    emulator = await startEmulator({ port });
    await Promise.all(writes);
    const synced = await snaps.until((s) => !s.metadata.fromCache && !s.metadata.hasPendingWrites);
    expect(synced.data()).toEqual({ v: 2, w: 3 });
    stop();
    await terminate(db);
  });
});
