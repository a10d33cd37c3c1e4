import { describe, expect, it } from 'vitest';
import {
  collection,
  disableNetwork,
  doc,
  enableNetwork,
  type Firestore,
  type FirestoreError,
  getDoc,
  onSnapshot,
  querySnapshots,
  setAuthToken,
  setDoc,
} from '../src/index.js';
import { failure, useEmulator } from './setup.js';

// Security rules seen from the client: a token set on a live connection, and listeners that lose access when
// the token or the rules change (the emulator re-checks them at once and ends them with permission-denied).

const emulator = useEmulator();

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /users/{uid}/{rest=**} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
    match /public/{id} {
      allow read: if true;
      allow write: if request.auth != null;
    }
  }
}`;

/** Loads rules through the official admin endpoint, as @firebase/rules-unit-testing does. */
async function loadRules(db: Firestore, rules: string) {
  const url = `http://${db._settings.host}/emulator/v1/projects/${db._databaseId.projectId}:securityRules`;
  const response = await fetch(url, {
    method: 'PUT',
    body: JSON.stringify({ rules: { files: [{ name: 'firestore.rules', content: rules }] } }),
  });
  expect(response.status).toBe(200);
}

/** Records a listener's snapshots (their document count or existence) and its error code. */
function watch(subscribe: (next: (size: number) => void, error: (e: FirestoreError) => void) => () => void) {
  const seen: number[] = [];
  let code: string | undefined;
  let resolveError: (code: string) => void = () => {};
  const errored = new Promise<string>((resolve) => {
    resolveError = resolve;
  });
  const unsubscribe = subscribe(
    (size) => seen.push(size),
    (error) => {
      code = error.code;
      resolveError(error.code);
    },
  );
  return { seen, errored, unsubscribe, code: () => code };
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

describe('security rules from the client', () => {
  it('setAuthToken ends the listener the new token may not read; the other one continues', async () => {
    const db = emulator.db();
    await loadRules(db, RULES);
    setAuthToken(db, { sub: 'alice' });
    await setDoc(doc(db, 'users/alice/notes/n1'), { text: 'mine' });
    const mine = watch((next, error) =>
      onSnapshot(doc(db, 'users/alice/notes/n1'), (s) => next(s.exists() ? 1 : 0), error),
    );
    const shared = watch((next, error) => onSnapshot(collection(db, 'public'), (s) => next(s.size), error));
    await until(() => mine.seen.length > 0 && shared.seen.length > 0);
    expect([mine.seen, shared.seen]).toEqual([[1], [0]]);

    setAuthToken(db, { sub: 'bob' });
    expect(await mine.errored).toBe('permission-denied');
    await setDoc(doc(db, 'public/p1'), { by: 'bob' });
    await until(() => shared.seen.at(-1) === 1);
    expect(shared.code()).toBeUndefined();
    expect(mine.seen).toEqual([1]);
    // Requests use the new token too.
    expect((await failure(getDoc(doc(db, 'users/alice/notes/n1')))).code).toBe('permission-denied');
    shared.unsubscribe();
  });

  it('new rules end the listeners they no longer allow, on every connection; the others continue', async () => {
    const db = emulator.db();
    const other = emulator.peer(db);
    await loadRules(db, RULES);
    setAuthToken(db, { sub: 'carol' });
    const own = watch((next, error) =>
      onSnapshot(collection(db, 'users/carol/notes'), (s) => next(s.size), error),
    );
    const open = watch((next, error) => onSnapshot(collection(db, 'public'), (s) => next(s.size), error));
    const elsewhere = watch((next, error) =>
      onSnapshot(collection(other, 'public'), (s) => next(s.size), error),
    );
    await until(() => own.seen.length > 0 && open.seen.length > 0 && elsewhere.seen.length > 0);
    await loadRules(
      db,
      RULES.replace('allow read: if true;', 'allow read: if request.auth.token.admin == true;'),
    );
    expect(await open.errored).toBe('permission-denied');
    expect(await elsewhere.errored).toBe('permission-denied');
    await setDoc(doc(db, 'users/carol/notes/n'), { text: 'still here' });
    await until(() => own.seen.at(-1) === 1);
    expect(own.code()).toBeUndefined();
    own.unsubscribe();
  });

  it('a token set while offline is sent in the hello of the next connection', async () => {
    const db = emulator.db();
    await loadRules(db, RULES);
    setAuthToken(db, { sub: 'erin' });
    await setDoc(doc(db, 'users/erin/x/y'), { n: 1 });
    await disableNetwork(db);
    setAuthToken(db, { sub: 'frank' });
    await enableNetwork(db);
    expect((await failure(getDoc(doc(db, 'users/erin/x/y')))).code).toBe('permission-denied');
    await setDoc(doc(db, 'users/frank/x/y'), { n: 2 });
  });

  it('signing out with null, and the owner token bypassing the rules', async () => {
    const db = emulator.db();
    await loadRules(db, RULES);
    setAuthToken(db, 'owner');
    await setDoc(doc(db, 'users/dave/x/y'), { seeded: true });
    setAuthToken(db, { sub: 'dave' });
    expect((await getDoc(doc(db, 'users/dave/x/y'))).data()).toEqual({ seeded: true });
    setAuthToken(db, null);
    expect((await failure(setDoc(doc(db, 'public/p'), {}))).code).toBe('permission-denied');
    const denied = watch((next, error) => onSnapshot(doc(db, 'users/dave/x/y'), () => next(1), error));
    expect(await denied.errored).toBe('permission-denied');
    expect(denied.seen).toEqual([]);
    // The observable API errors the same way.
    const rxError = await new Promise<FirestoreError>((resolve) =>
      querySnapshots(collection(db, 'users/dave/x')).subscribe({ error: resolve }),
    );
    expect(rxError.code).toBe('permission-denied');
  });
});
