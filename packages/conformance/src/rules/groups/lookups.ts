/**
 * get/exists on other documents, getAfter/existsAfter in batches and transactions, and the lookup limits
 * (10 distinct documents per single request).
 */
import type { Firestore } from 'firebase/firestore/lite';
import { type RulesApi, type RulesGroup, rulesFile, user } from '../scenario.js';

const alice = user('alice');
const members = {
  'projects/p1': { name: 'Apollo' },
  'projects/p1/members/alice': { role: 'editor' },
  'projects/p1/members/bob': { role: 'viewer' },
};

/** `!exists(/…/lk/d<from>) && … `: `count` distinct documents looked up, all missing. */
const lookupsOf = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `!exists(/databases/$(database)/documents/lk/d${from + i})`).join(
    ' && ',
  );

const batchOf = (fs: RulesApi, db: Firestore, ...ids: string[]) => {
  const batch = fs.writeBatch(db);
  for (const id of ids) batch.set(fs.doc(db, `budget/${id}`), { id });
  return batch.commit();
};

export const lookups: RulesGroup = {
  name: 'lookups',
  rules: rulesFile(`    function member(p) {
      return /databases/$(database)/documents/projects/$(p)/members/$(request.auth.uid);
    }
    match /projects/{p} {
      allow get: if exists(member(p));
      allow update: if get(member(p)).data.role == 'editor';
      match /members/{uid} {
        allow get: if true;
      }
      match /tasks/{t} {
        allow list: if exists(member(p));
        allow create: if get(member(p)).data.role == 'editor'
                      && getAfter(/databases/$(database)/documents/projects/$(p)).data.open == true;
      }
    }
    match /rooms/{r} {
      allow create: if getAfter(/databases/$(database)/documents/roomIndex/$(r)).data.room == r;
    }
    match /roomIndex/{r} {
      allow create: if existsAfter(/databases/$(database)/documents/rooms/$(r));
      allow delete: if true;
    }
    match /rooms/{r} {
      allow delete: if !existsAfter(/databases/$(database)/documents/roomIndex/$(r));
      allow update: if getAfter(request.path).data == request.resource.data;
    }
    match /nullcheck/{id} {
      allow get: if get(/databases/$(database)/documents/nothing/$(id)) == null;
    }
    match /selfnull/{id} {
      allow get, create, delete: if get(request.path) == null;
    }
    match /afterNull/{id} {
      allow create: if getAfter(/databases/$(database)/documents/afterGone/$(id)) == null;
    }
    match /afterGone/{id} {
      allow delete: if true;
    }
    match /beforeNull/{id} {
      allow create: if get(/databases/$(database)/documents/afterNew/$(id)) == null;
    }
    match /afterNew/{id} {
      allow create: if true;
    }
    match /selfget/{id} {
      allow get: if get(request.path).data.ok == true;
    }
    match /oddpath/{id} {
      allow get: if !exists(/databases/$(database)/documents/coll);
    }
    match /mixed/{id} {
      allow get: if get(/databases/$(database)/documents/lk/d0).data.a == 1 && exists(/databases/$(database)/documents/lk/d0)
                 && ${lookupsOf(9, 1)};
    }
    match /budget/{n} {
      allow get: if n == 'ten' && ${lookupsOf(10)};
      allow get: if n == 'eleven' && ${lookupsOf(11)};
      allow get: if n == 'same-twice' && ${lookupsOf(10)} && ${lookupsOf(10)};
      allow create: if n == 'first-ten' && ${lookupsOf(10)};
      allow create: if n == 'next-ten' && ${lookupsOf(10, 10)};
      allow create: if n == 'one-more' && ${lookupsOf(1, 20)};
      allow create: if n == 'eleven' && ${lookupsOf(11)};
    }`),
  scenarios: [
    {
      name: 'exists() on a membership document: a member reads',
      caller: alice,
      seed: members,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'projects/p1')),
      expected: 'allowed',
    },
    {
      name: 'exists() on a membership document: a stranger is denied',
      caller: user('carol'),
      seed: members,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'projects/p1')),
      expected: 'denied',
    },
    {
      name: 'get().data of a membership document: an editor updates',
      caller: alice,
      seed: members,
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'projects/p1'), { name: 'Artemis' }),
      expected: 'allowed',
    },
    {
      name: 'get().data of a membership document: a viewer is denied',
      caller: user('bob'),
      seed: members,
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'projects/p1'), { name: 'Artemis' }),
      expected: 'denied',
    },
    {
      name: 'get() of a missing document is an error: a stranger is denied',
      caller: user('carol'),
      seed: members,
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'projects/p1'), { name: 'Artemis' }),
      expected: 'denied',
    },
    {
      name: 'exists() in a list rule: a member queries',
      caller: alice,
      seed: { ...members, 'projects/p1/tasks/t1': { title: 'Launch' } },
      op: (fs, db) => fs.getDocs(fs.collection(db, 'projects/p1/tasks')),
      expected: 'allowed',
    },
    {
      name: 'exists() in a list rule: a stranger is refused',
      caller: user('carol'),
      seed: { ...members, 'projects/p1/tasks/t1': { title: 'Launch' } },
      op: (fs, db) => fs.getDocs(fs.collection(db, 'projects/p1/tasks')),
      expected: 'denied',
    },
    {
      name: 'getAfter() sees a write of the same batch',
      caller: alice,
      seed: members,
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.update(fs.doc(db, 'projects/p1'), { open: true });
        batch.set(fs.doc(db, 'projects/p1/tasks/t1'), { title: 'Launch' });
        return batch.commit();
      },
      expected: 'allowed',
    },
    {
      name: 'getAfter() without the batch write sees the stored document',
      caller: alice,
      seed: members,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'projects/p1/tasks/t1'), { title: 'Launch' }),
      expected: 'denied',
    },
    {
      name: 'getAfter() and existsAfter() on each other: both writes in one batch',
      caller: alice,
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.set(fs.doc(db, 'rooms/r1'), { name: 'Lobby' });
        batch.set(fs.doc(db, 'roomIndex/r1'), { room: 'r1' });
        return batch.commit();
      },
      expected: 'allowed',
    },
    {
      name: 'existsAfter(): one write alone is denied',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'roomIndex/r1'), { room: 'r1' }),
      expected: 'denied',
    },
    {
      name: 'getAfter(): a batch whose other write holds the wrong value',
      caller: alice,
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.set(fs.doc(db, 'rooms/r1'), { name: 'Lobby' });
        batch.set(fs.doc(db, 'roomIndex/r1'), { room: 'r2' });
        return batch.commit();
      },
      expected: 'denied',
    },
    {
      name: 'existsAfter() sees a delete of the same batch',
      caller: alice,
      seed: { 'rooms/r1': { name: 'Lobby' }, 'roomIndex/r1': { room: 'r1' } },
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.delete(fs.doc(db, 'rooms/r1'));
        batch.delete(fs.doc(db, 'roomIndex/r1'));
        return batch.commit();
      },
      expected: 'allowed',
    },
    {
      name: 'existsAfter(): a delete whose index stays is denied',
      caller: alice,
      seed: { 'rooms/r1': { name: 'Lobby' }, 'roomIndex/r1': { room: 'r1' } },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'rooms/r1')),
      expected: 'denied',
    },
    {
      name: 'getAfter(request.path) is request.resource',
      caller: alice,
      seed: { 'rooms/r1': { name: 'Lobby' } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'rooms/r1'), { name: 'Hall' }),
      expected: 'allowed',
    },
    {
      name: 'a transaction reads with exists() and writes with getAfter()',
      caller: alice,
      seed: members,
      op: (fs, db) =>
        fs.runTransaction(db, async (tx) => {
          await tx.get(fs.doc(db, 'projects/p1'));
          tx.update(fs.doc(db, 'projects/p1'), { open: true });
          tx.set(fs.doc(db, 'projects/p1/tasks/t1'), { title: 'Launch' });
        }),
      expected: 'allowed',
    },
    {
      name: 'a transaction whose read is denied',
      caller: user('carol'),
      seed: members,
      op: (fs, db) => fs.runTransaction(db, (tx) => tx.get(fs.doc(db, 'projects/p1'))),
      expected: 'denied',
    },
    {
      name: 'get() of a missing document is an error, not null',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'nullcheck/x')),
      expected: 'denied',
    },
    {
      name: 'get(request.path) of the missing document a get reads is null',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'selfnull/x')),
      expected: 'allowed',
    },
    {
      name: 'get(request.path) of the document a create makes is null',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'selfnull/x'), { a: 1 }),
      expected: 'allowed',
    },
    {
      name: 'get(request.path) of a missing document a delete names is null',
      caller: alice,
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'selfnull/x')),
      expected: 'allowed',
    },
    {
      name: 'get(request.path) of a stored document a delete removes is that document',
      caller: alice,
      seed: { 'selfnull/x': { a: 1 } },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'selfnull/x')),
      expected: 'denied',
    },
    {
      name: 'getAfter() of a document the same batch deletes is null',
      caller: alice,
      seed: { 'afterGone/x': { a: 1 } },
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.delete(fs.doc(db, 'afterGone/x'));
        batch.set(fs.doc(db, 'afterNull/x'), { a: 1 });
        return batch.commit();
      },
      expected: 'allowed',
    },
    {
      name: 'getAfter() of a document the same transaction deletes is null',
      caller: alice,
      seed: { 'afterGone/x': { a: 1 } },
      op: (fs, db) =>
        fs.runTransaction(db, async (tx) => {
          tx.delete(fs.doc(db, 'afterGone/x'));
          tx.set(fs.doc(db, 'afterNull/x'), { a: 1 });
        }),
      expected: 'allowed',
    },
    {
      name: 'getAfter() of a never-stored document the same batch deletes is null',
      caller: alice,
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.delete(fs.doc(db, 'afterGone/x'));
        batch.set(fs.doc(db, 'afterNull/x'), { a: 1 });
        return batch.commit();
      },
      expected: 'allowed',
    },
    {
      name: 'getAfter() of a missing document the request does not write is an error',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'afterNull/x'), { a: 1 }),
      expected: 'denied',
    },
    {
      name: 'get() of a document the same batch creates is an error',
      caller: alice,
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.set(fs.doc(db, 'afterNew/x'), { a: 1 });
        batch.set(fs.doc(db, 'beforeNull/x'), { a: 1 });
        return batch.commit();
      },
      expected: 'denied',
    },
    {
      name: 'get(request.path) reads the stored document',
      caller: alice,
      seed: { 'selfget/s': { ok: true } },
      op: (fs, db) => fs.getDoc(fs.doc(db, 'selfget/s')),
      expected: 'allowed',
    },
    {
      name: 'exists() of a collection path is an error',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'oddpath/o')),
      expected: 'denied',
    },
    {
      name: 'get() and exists() of one document count as one lookup',
      caller: alice,
      seed: { 'lk/d0': { a: 1 } },
      op: (fs, db) => fs.getDoc(fs.doc(db, 'mixed/m')),
      expected: 'allowed',
    },
    {
      name: 'ten distinct lookups in one request are allowed',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'budget/ten')),
      expected: 'allowed',
    },
    {
      name: 'eleven distinct lookups in one request exceed the limit',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'budget/eleven')),
      expected: 'denied',
    },
    {
      name: 'the same document looked up twice counts once',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'budget/same-twice')),
      expected: 'allowed',
    },
    {
      name: 'a batch may look up 20 distinct documents over its writes',
      caller: alice,
      op: (fs, db) => batchOf(fs, db, 'first-ten', 'next-ten'),
      expected: 'allowed',
    },
    {
      name: 'a batch looking up 21 distinct documents exceeds its limit',
      caller: alice,
      op: (fs, db) => batchOf(fs, db, 'first-ten', 'next-ten', 'one-more'),
      expected: 'denied',
    },
    {
      name: 'one write of a batch still may not look up 11 documents',
      caller: alice,
      op: (fs, db) => batchOf(fs, db, 'eleven', 'one-more'),
      expected: 'denied',
    },
    {
      name: 'a transaction may look up 20 distinct documents over its writes',
      caller: alice,
      op: (fs, db) =>
        fs.runTransaction(db, async (tx) => {
          tx.set(fs.doc(db, 'budget/first-ten'), { a: 1 });
          tx.set(fs.doc(db, 'budget/next-ten'), { a: 1 });
        }),
      expected: 'allowed',
    },
  ],
};
