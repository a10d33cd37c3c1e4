import {
  collection,
  deleteDoc,
  doc,
  type Firestore,
  getDoc,
  getDocs,
  onSnapshot,
  query,
  setDoc,
  where,
} from '@kindling/client';
import { type RunningEmulator, startEmulator } from '@kindling/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from './rules-unit-testing.js';

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /users/{uid} {
      allow read, write: if request.auth != null && request.auth.uid == uid;
    }
    match /admin/{doc} {
      allow read: if request.auth.token.role == 'admin';
    }
    match /posts/{post} {
      allow list: if resource.data.published == true;
    }
  }
}
`;

let emulator: RunningEmulator;
let env: RulesTestEnvironment;
const open: RulesTestEnvironment[] = [];

async function environment(rules = RULES): Promise<RulesTestEnvironment> {
  const created = await initializeTestEnvironment({
    projectId: 'demo-rules-unit',
    firestore: { rules, host: emulator.host, port: emulator.port },
  });
  open.push(created);
  return created;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  env = await environment();
});

afterEach(async () => {
  await env.clearFirestore();
});

afterAll(async () => {
  for (const created of open) await created.cleanup();
  await emulator?.stop();
});

const seed = (data: Record<string, Record<string, unknown>>) =>
  env.withSecurityRulesDisabled(async (context) => {
    const db = context.firestore();
    for (const [path, fields] of Object.entries(data)) await setDoc(doc(db, path), fields);
  });

describe('initializeTestEnvironment', () => {
  it('loads the rules into the emulator', async () => {
    const response = await fetch(`${emulator.url}/emulator/v1/projects/demo-rules-unit:securityRules`);
    const body = (await response.json()) as { rules: { files: { content: string }[] } };
    expect(body.rules.files[0]?.content).toBe(RULES);
  });

  it('rejects with the compile error when the emulator refuses the rules', async () => {
    await expect(environment('service cloud.firestore { match /x { allow read: if ; } }')).rejects.toThrow(
      /The emulator refused the rules: .*L1:/,
    );
  });

  it('takes host and port from FIRESTORE_EMULATOR_HOST', async () => {
    const saved = process.env.FIRESTORE_EMULATOR_HOST;
    process.env.FIRESTORE_EMULATOR_HOST = `${emulator.host}:${emulator.port}`;
    try {
      const fromEnv = await initializeTestEnvironment({ projectId: 'demo-rules-unit' });
      open.push(fromEnv);
      expect(fromEnv.emulators.firestore).toEqual({ host: emulator.host, port: emulator.port });
      await assertFails(getDoc(doc(fromEnv.unauthenticatedContext().firestore(), 'users/alice')));
    } finally {
      if (saved === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
      else process.env.FIRESTORE_EMULATOR_HOST = saved;
    }
  });

  it('needs a host and port', async () => {
    const saved = process.env.FIRESTORE_EMULATOR_HOST;
    delete process.env.FIRESTORE_EMULATOR_HOST;
    try {
      await expect(initializeTestEnvironment({ projectId: 'demo-rules-unit' })).rejects.toThrow(
        /FIRESTORE_EMULATOR_HOST/,
      );
    } finally {
      if (saved !== undefined) process.env.FIRESTORE_EMULATOR_HOST = saved;
    }
  });
});

describe('contexts', () => {
  it('authenticatedContext signs in with the uid', async () => {
    await seed({ 'users/alice': { name: 'Alice' } });
    const alice = env.authenticatedContext('alice').firestore();
    const snapshot = await assertSucceeds(getDoc(doc(alice, 'users/alice')));
    expect(snapshot.data()).toEqual({ name: 'Alice' });
    await assertSucceeds(setDoc(doc(alice, 'users/alice'), { name: 'Ada' }));
  });

  it("authenticatedContext cannot touch another user's document", async () => {
    await seed({ 'users/alice': { name: 'Alice' } });
    const bob = env.authenticatedContext('bob').firestore();
    await assertFails(getDoc(doc(bob, 'users/alice')));
    await assertFails(deleteDoc(doc(bob, 'users/alice')));
  });

  it('authenticatedContext carries token claims', async () => {
    await assertSucceeds(
      getDoc(doc(env.authenticatedContext('ada', { role: 'admin' }).firestore(), 'admin/x')),
    );
    await assertFails(getDoc(doc(env.authenticatedContext('ada', { role: 'user' }).firestore(), 'admin/x')));
  });

  it('unauthenticatedContext is signed out', async () => {
    await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), 'users/alice')));
  });

  it('firestore() returns the same instance for a context', () => {
    const context = env.authenticatedContext('alice');
    expect(context.firestore()).toBe(context.firestore());
  });

  it('listeners follow the rules', async () => {
    await seed({ 'users/alice': { name: 'Alice' } });
    const firstSnapshot = (db: Firestore) =>
      new Promise((resolve, reject) => {
        const unsubscribe = onSnapshot(
          doc(db, 'users/alice'),
          (snapshot) => {
            unsubscribe();
            resolve(snapshot.data());
          },
          reject,
        );
      });
    await assertFails(firstSnapshot(env.authenticatedContext('bob').firestore()));
    await expect(
      assertSucceeds(firstSnapshot(env.authenticatedContext('alice').firestore())),
    ).resolves.toEqual({
      name: 'Alice',
    });
  });

  it('queries follow the rules', async () => {
    await seed({ 'posts/p1': { published: true }, 'posts/p2': { published: false } });
    const db = env.unauthenticatedContext().firestore();
    await assertFails(getDocs(collection(db, 'posts')));
    const published = await assertSucceeds(
      getDocs(query(collection(db, 'posts'), where('published', '==', true))),
    );
    expect(published.docs.map((d) => d.id)).toEqual(['p1']);
  });
});

describe('withSecurityRulesDisabled', () => {
  it('bypasses the rules inside the callback', async () => {
    let read: unknown;
    await seed({ 'admin/secret': { n: 1 } });
    await env.withSecurityRulesDisabled(async (context) => {
      read = (await getDoc(doc(context.firestore(), 'admin/secret'))).data();
    });
    expect(read).toEqual({ n: 1 });
  });

  it('ends the context with the callback', async () => {
    let kept: { firestore(): Firestore } | undefined;
    await env.withSecurityRulesDisabled(async (context) => {
      kept = context;
    });
    expect(() => kept?.firestore()).toThrow(/no longer valid/);
  });
});

describe('clearFirestore', () => {
  it('deletes every document', async () => {
    await seed({ 'users/alice': { name: 'Alice' } });
    await env.clearFirestore();
    const snapshot = await getDoc(doc(env.authenticatedContext('alice').firestore(), 'users/alice'));
    expect(snapshot.exists()).toBe(false);
  });
});

describe('assertFails and assertSucceeds', () => {
  it('assertFails resolves with the permission-denied error', async () => {
    const error = await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), 'users/alice')));
    expect(error).toMatchObject({ code: 'permission-denied' });
  });

  it('assertFails rejects when the request succeeds', async () => {
    const alice = env.authenticatedContext('alice').firestore();
    await expect(assertFails(getDoc(doc(alice, 'users/alice')))).rejects.toThrow(
      'Expected request to fail, but it succeeded.',
    );
  });

  it('assertFails rejects on another error', async () => {
    const other = Object.assign(new Error('no such document'), { code: 'not-found' });
    await expect(assertFails(Promise.reject(other))).rejects.toThrow(
      'Expected PERMISSION_DENIED but got unexpected error: Error: no such document',
    );
  });

  it('assertSucceeds passes the result through and a rejection as is', async () => {
    await expect(assertSucceeds(Promise.resolve(42))).resolves.toBe(42);
    const denied = assertSucceeds(getDoc(doc(env.unauthenticatedContext().firestore(), 'users/alice')));
    await expect(denied).rejects.toMatchObject({ code: 'permission-denied' });
  });
});

describe('cleanup', () => {
  it('makes the environment and its contexts unusable', async () => {
    const scratch = await environment();
    const context = scratch.authenticatedContext('alice');
    context.firestore();
    await scratch.cleanup();
    expect(() => context.firestore()).toThrow(/cleaned up/);
    expect(() => scratch.unauthenticatedContext()).toThrow(/cleaned up/);
  });
});
