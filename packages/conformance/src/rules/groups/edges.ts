/**
 * Less travelled paths: disjunctions and not-equal in queries, array-contains against `in`, references held
 * in documents used as lookup paths, nested field updates, auto ids, batches with one denied write.
 */
import { doc } from 'firebase/firestore/lite';
import { type RulesGroup, rulesFile, user } from '../scenario.js';

const alice = user('alice');

export const edges: RulesGroup = {
  name: 'edges',
  rules: rulesFile(`    match /either/{id} {
      allow list: if resource.data.owner == request.auth.uid || resource.data.public == true;
    }
    match /bands/{id} {
      allow list: if resource.data.score >= 10 && resource.data.score < 20;
    }
    match /choices/{id} {
      allow list: if resource.data.a in [1, 2];
    }
    match /groups/{id} {
      allow list: if request.auth.uid in resource.data.members;
    }
    match /notdraft/{id} {
      allow list: if resource.data.status != 'draft';
    }
    match /links/{id} {
      allow get: if get(resource.data.target).data.open == true;
    }
    match /targets/{id} {
      allow get: if true;
    }
    match /nested/{id} {
      allow update: if request.resource.data.diff(resource.data).affectedKeys().hasOnly(['settings'])
                    && request.resource.data.settings.theme in ['dark', 'light'];
    }
    match /auto/{id} {
      allow create: if id.size() == 20 && request.resource.data.id_hint == null;
    }
    match /free/{id} {
      allow delete: if true;
      allow create: if request.resource.data.ok == true;
    }
    match /private/{id} {
      allow get: if resource.data.visibility == 'public';
    }`),
  scenarios: [
    {
      name: 'a query proving one side of a disjunctive rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'either'), fs.where('public', '==', true))),
      expected: 'allowed',
    },
    {
      name: 'a query proving the other side of a disjunctive rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'either'), fs.where('owner', '==', 'alice'))),
      expected: 'allowed',
    },
    {
      name: 'a query proving neither side of a disjunctive rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'either'), fs.where('owner', '==', 'bob'))),
      expected: 'denied',
    },
    {
      name: 'a two-sided range inside a two-sided rule',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(
          fs.query(fs.collection(db, 'bands'), fs.where('score', '>=', 12), fs.where('score', '<', 20)),
        ),
      expected: 'allowed',
    },
    {
      name: 'a one-sided range against a two-sided rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'bands'), fs.where('score', '>=', 12))),
      expected: 'denied',
    },
    {
      name: 'an or() query whose branches each satisfy an in rule',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(
          fs.query(fs.collection(db, 'choices'), fs.or(fs.where('a', '==', 1), fs.where('a', '==', 2))),
        ),
      expected: 'allowed',
    },
    {
      name: 'an or() query with a branch outside an in rule',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(
          fs.query(fs.collection(db, 'choices'), fs.or(fs.where('a', '==', 1), fs.where('a', '==', 3))),
        ),
      expected: 'denied',
    },
    {
      name: 'an and() of an equality and another filter',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(
          fs.query(fs.collection(db, 'choices'), fs.and(fs.where('a', '==', 2), fs.where('b', '>', 0))),
        ),
      expected: 'allowed',
    },
    {
      name: 'array-contains on the caller proves `uid in members`',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'groups'), fs.where('members', 'array-contains', 'alice'))),
      expected: 'allowed',
    },
    {
      name: 'array-contains on another user does not',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'groups'), fs.where('members', 'array-contains', 'bob'))),
      expected: 'denied',
    },
    {
      name: 'a not-equal filter proving a not-equal rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'notdraft'), fs.where('status', '!=', 'draft'))),
      expected: 'allowed',
    },
    {
      name: 'a not-in filter proving a not-equal rule',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'notdraft'), fs.where('status', 'not-in', ['draft', 'spam']))),
      expected: 'allowed',
    },
    {
      name: 'a reference stored in the document is a path for get() (open target)',
      caller: alice,
      seed: (db) => ({ 'targets/t': { open: true }, 'links/l': { target: doc(db, 'targets/t') } }),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'links/l')),
      expected: 'allowed',
    },
    {
      name: 'a reference stored in the document is a path for get() (closed target)',
      caller: alice,
      seed: (db) => ({ 'targets/t': { open: false }, 'links/l': { target: doc(db, 'targets/t') } }),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'links/l')),
      expected: 'denied',
    },
    {
      name: 'a missing document: resource.data is an error, so the read is denied',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'private/none')),
      expected: 'denied',
    },
    {
      name: 'a nested field update changes only its top-level key',
      caller: alice,
      seed: { 'nested/n': { settings: { theme: 'light', size: 1 }, name: 'x' } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'nested/n'), { 'settings.theme': 'dark' }),
      expected: 'allowed',
    },
    {
      name: 'a nested field update with a refused value',
      caller: alice,
      seed: { 'nested/n': { settings: { theme: 'light', size: 1 }, name: 'x' } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'nested/n'), { 'settings.theme': 'pink' }),
      expected: 'denied',
    },
    {
      name: 'addDoc: the wildcard binds the generated 20-character id',
      caller: alice,
      op: (fs, db) => fs.addDoc(fs.collection(db, 'auto'), { id_hint: null }),
      expected: 'allowed',
    },
    {
      name: 'deleting a missing document under an allowing rule',
      caller: alice,
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'free/none')),
      expected: 'allowed',
    },
    {
      name: 'a batch with one denied write is denied as a whole',
      caller: alice,
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.set(fs.doc(db, 'free/a'), { ok: true });
        batch.set(fs.doc(db, 'free/b'), { ok: false });
        return batch.commit();
      },
      expected: 'denied',
    },
  ],
};
