import { startEmulator } from '@kindling/emulator';
import { describe, expect, it } from 'vitest';
import {
  connectFirestoreEmulator,
  doc,
  getDoc,
  getFirestore,
  initializeApp,
  setDoc,
  terminate,
} from '../src/index.js';
import { failure } from './setup.js';

describe('the connection to the emulator', () => {
  it('carries requests over one socket, fails with unavailable when the server goes, and terminates', async () => {
    const emulator = await startEmulator({ port: 0 });
    const db = getFirestore(initializeApp({ projectId: 'demo-connection' }, 'connection-test'));
    connectFirestoreEmulator(db, emulator.host, emulator.port, { mockUserToken: { sub: 'alice' } });
    try {
      await setDoc(doc(db, 'c/d'), { a: 1 });
      expect((await getDoc(doc(db, 'c/d'))).data()).toEqual({ a: 1 });
    } finally {
      await emulator.stop();
    }
    expect((await failure(getDoc(doc(db, 'c/d')))).code).toBe('unavailable');
    await terminate(db);
    expect(() => getDoc(doc(db, 'c/d'))).toThrow('The client has already been terminated.');
  });
});
