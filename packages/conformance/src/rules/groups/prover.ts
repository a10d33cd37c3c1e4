/**
 * How far the query prover goes, as the official emulator decides: wildcards of the parent path, collection
 * groups, nested fields, cursors, type tests and lookups in list rules.
 */
import { type RulesGroup, rulesFile, user } from '../scenario.js';

const alice = user('alice');

export const prover: RulesGroup = {
  name: 'query prover',
  rules: rulesFile(`    match /users/{uid}/items/{item} {
      allow list: if uid == request.auth.uid;
    }
    match /{path=**}/entries/{entry} {
      allow list: if resource.data.owner == request.auth.uid;
    }
    match /scores/{id} {
      allow list: if resource.data.score > 50;
    }
    match /deep/{id} {
      allow list: if resource.data.meta.level == 3;
    }
    match /typed/{id} {
      allow list: if resource.data.name is string;
    }
    match /admins/{id} {
      allow list: if get(/databases/$(database)/documents/roles/$(request.auth.uid)).data.admin == true;
    }
    match /pairs/{id} {
      allow list: if resource.data.a == 1 && resource.data.b == 2;
    }
    match /either/{id} {
      allow list: if resource.data.status == 'a' || resource.data.status == 'b';
    }
    match /negated/{id} {
      allow list: if !(resource.data.status == 'draft');
    }
    match /defaults/{id} {
      allow list: if resource.data.get('status', 'none') == 'pub';
    }
    match /owned/{id} {
      allow list: if resource.data.owner == request.auth.uid;
    }
    match /tagged/{id} {
      allow list: if resource.data.tags.hasAny(['a']);
    }
    match /named/{id} {
      allow list: if id == 'x';
    }
    match /sized/{id} {
      allow list: if resource.data.size() > 0;
    }
    match /sizedTwo/{id} {
      allow list: if resource.data.keys().size() >= 2;
    }
    match /gets/{id} {
      allow get: if true;
    }`),
  scenarios: [
    {
      name: 'a parent wildcard bound from the query path (own items)',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.collection(db, 'users/alice/items')),
      expected: 'allowed',
    },
    {
      name: "a parent wildcard bound from the query path (another user's items)",
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.collection(db, 'users/bob/items')),
      expected: 'denied',
    },
    {
      name: 'a collection group over a parent wildcard the rule checks is refused',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.collectionGroup(db, 'items')),
      expected: 'denied',
    },
    {
      name: 'a collection group constrained on the owner',
      caller: alice,
      seed: { 'a/1/entries/e1': { owner: 'alice' }, 'b/2/c/3/entries/e2': { owner: 'alice' } },
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collectionGroup(db, 'entries'), fs.where('owner', '==', 'alice'))),
      expected: 'allowed',
    },
    {
      name: 'a collection group constrained on another owner',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collectionGroup(db, 'entries'), fs.where('owner', '==', 'bob'))),
      expected: 'denied',
    },
    {
      name: 'a plain collection under a {path=**} match, constrained',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'x/y/entries'), fs.where('owner', '==', 'alice'))),
      expected: 'allowed',
    },
    {
      name: 'in with values all inside a range rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'scores'), fs.where('score', 'in', [60, 70.5]))),
      expected: 'allowed',
    },
    {
      name: 'in with a value outside a range rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'scores'), fs.where('score', 'in', [60, 40]))),
      expected: 'denied',
    },
    {
      name: 'a float equality inside an int range rule',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'scores'), fs.where('score', '==', 50.5))),
      expected: 'allowed',
    },
    {
      name: 'cursors alone do not prove a range rule',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'scores'), fs.orderBy('score'), fs.startAt(60), fs.endAt(90))),
      expected: 'denied',
    },
    {
      name: 'an equality on a nested field',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'deep'), fs.where('meta.level', '==', 3))),
      expected: 'allowed',
    },
    {
      name: 'an equality on another nested field',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'deep'), fs.where('meta.other', '==', 3))),
      expected: 'denied',
    },
    {
      name: 'a type test is proven by an equality on a string',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'typed'), fs.where('name', '==', 'x'))),
      expected: 'allowed',
    },
    {
      name: 'a type test is not proven without a filter',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.collection(db, 'typed')),
      expected: 'denied',
    },
    {
      name: 'a lookup in a list rule that holds for the caller',
      caller: alice,
      seed: { 'roles/alice': { admin: true } },
      op: (fs, db) => fs.getDocs(fs.collection(db, 'admins')),
      expected: 'allowed',
    },
    {
      name: 'a lookup in a list rule that fails for the caller',
      caller: alice,
      seed: { 'roles/alice': { admin: false } },
      op: (fs, db) => fs.getDocs(fs.collection(db, 'admins')),
      expected: 'denied',
    },
    {
      name: 'a conjunctive rule: both equalities',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'pairs'), fs.where('a', '==', 1), fs.where('b', '==', 2))),
      expected: 'allowed',
    },
    {
      name: 'a conjunctive rule: one equality',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'pairs'), fs.where('a', '==', 1))),
      expected: 'denied',
    },
    {
      name: 'a disjunctive rule on one field: in with both values',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'either'), fs.where('status', 'in', ['a', 'b']))),
      expected: 'allowed',
    },
    {
      name: 'a negated rule: an equality on another value',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'negated'), fs.where('status', '==', 'pub'))),
      expected: 'allowed',
    },
    {
      name: 'a negated rule: an equality on the refused value',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'negated'), fs.where('status', '==', 'draft'))),
      expected: 'denied',
    },
    {
      name: 'map.get with a default: an equality on the field',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'defaults'), fs.where('status', '==', 'pub'))),
      expected: 'allowed',
    },
    {
      name: 'an owner rule: in with only the caller',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'owned'), fs.where('owner', 'in', ['alice']))),
      expected: 'allowed',
    },
    {
      name: 'an owner rule: in with the caller and another user',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'owned'), fs.where('owner', 'in', ['alice', 'bob']))),
      expected: 'denied',
    },
    {
      name: 'hasAny on a list field: array-contains its value',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'tagged'), fs.where('tags', 'array-contains', 'a'))),
      expected: 'allowed',
    },
    {
      name: 'a document-id wildcard rule: a query by that id',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'named'), fs.where(fs.documentId(), '==', 'x'))),
      expected: 'allowed',
    },
    {
      name: 'a document-id wildcard rule: an unfiltered query',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.collection(db, 'named')),
      expected: 'denied',
    },
    {
      name: 'a size() rule is proven by a filtered field',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'sized'), fs.where('a', '==', 1))),
      expected: 'allowed',
    },
    {
      name: 'a size() rule is proven by a range filter',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'sized'), fs.where('a', '>', 0))),
      expected: 'allowed',
    },
    {
      name: 'keys().size() >= 2 is proven by filters on two fields',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'sizedTwo'), fs.where('a', '==', 1), fs.where('b', '>', 0))),
      expected: 'allowed',
    },
    {
      name: 'keys().size() >= 2 is not proven by two filters on one field',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'sizedTwo'), fs.where('a', '>', 0), fs.where('a', '<', 5))),
      expected: 'denied',
    },
    {
      name: 'a size() rule is not proven by an unfiltered query',
      caller: alice,
      op: (fs, db) => fs.getDocs(fs.collection(db, 'sized')),
      expected: 'denied',
    },
    {
      name: 'an empty range inside a range rule',
      caller: alice,
      op: (fs, db) =>
        fs.getDocs(
          fs.query(fs.collection(db, 'scores'), fs.where('score', '>', 60), fs.where('score', '<', 40)),
        ),
      expected: 'allowed',
    },
    {
      name: 'a document-id query under a get-only rule',
      caller: alice,
      seed: { 'gets/g1': { a: 1 } },
      op: (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'gets'), fs.where(fs.documentId(), '==', 'g1'))),
      expected: 'denied',
    },
  ],
};
