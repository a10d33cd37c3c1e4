/** Match blocks: single and recursive wildcards, nesting, overlapping matches, collection groups. */
import { type RulesGroup, rulesFile, user } from '../scenario.js';

const alice = user('alice');

export const matching: RulesGroup = {
  name: 'matching',
  rules: rulesFile(`    match /open/{rest=**} {
      allow get: if true;
    }
    match /rooms/{roomId} {
      allow get: if roomId.size() > 3;
      match /messages/{messageId} {
        allow get: if roomId == 'lobby' && messageId.matches('m[0-9]+');
      }
    }
    match /tree/{rest=**} {
      allow get: if rest[0] == 'a' && rest is path;
    }
    match /overlap/{doc} {
      allow get: if doc == 'one';
    }
    match /overlap/{doc} {
      allow get: if doc == 'two';
    }
    match /{prefix=**}/posts/{post} {
      allow list: if resource.data.published == true;
    }`),
  scenarios: [
    {
      name: 'a recursive wildcard matches a deep document',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'open/a/b/c/d/e')),
      expected: 'allowed',
    },
    {
      name: 'a recursive wildcard matches a document right below it',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'open/a')),
      expected: 'allowed',
    },
    {
      name: 'a single wildcard binds the id (too short)',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/abc')),
      expected: 'denied',
    },
    {
      name: 'a single wildcard binds the id (long enough)',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/abcd')),
      expected: 'allowed',
    },
    {
      name: 'a wildcard binds a unicode id (size counts UTF-16 units: 4)',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/😀😀')),
      expected: 'allowed',
    },
    {
      name: 'a wildcard binds a unicode id (size 3)',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/été')),
      expected: 'denied',
    },
    {
      name: 'a wildcard binds an id with spaces and punctuation',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/a b.c')),
      expected: 'allowed',
    },
    {
      name: 'a nested match sees the outer wildcard',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/lobby/messages/m12')),
      expected: 'allowed',
    },
    {
      name: 'a nested match checks its own wildcard',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/lobby/messages/hello')),
      expected: 'denied',
    },
    {
      name: 'a nested match checks the outer wildcard',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/kitchen/messages/m1')),
      expected: 'denied',
    },
    {
      name: 'a single-segment match does not cover subcollections',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'rooms/lobby/messages/m1/replies/r1')),
      expected: 'denied',
    },
    {
      name: 'a path outside every match is denied',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'elsewhere/x')),
      expected: 'denied',
    },
    {
      name: 'a recursive wildcard binds a path (first segment matches)',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'tree/a/x/y')),
      expected: 'allowed',
    },
    {
      name: 'a recursive wildcard binds a path (first segment differs)',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'tree/b/x/y')),
      expected: 'denied',
    },
    {
      name: 'overlapping matches: the first allows',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'overlap/one')),
      expected: 'allowed',
    },
    {
      name: 'overlapping matches: the second allows',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'overlap/two')),
      expected: 'allowed',
    },
    {
      name: 'overlapping matches: neither allows',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'overlap/three')),
      expected: 'denied',
    },
    {
      name: 'a collection-group query constrained like the rule is allowed',
      caller: alice,
      seed: { 'blogs/b1/posts/p1': { published: true }, 'posts/p2': { published: true } },
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collectionGroup(db, 'posts'), fs.where('published', '==', true))),
      expected: 'allowed',
    },
    {
      name: 'an unconstrained collection-group query is refused',
      caller: alice,
      seed: { 'blogs/b1/posts/p1': { published: true } },
      op: (fs, db) => fs.getDocs(fs.collectionGroup(db, 'posts')),
      expected: 'denied',
    },
    {
      name: 'a subcollection query under a {prefix=**} match is allowed when constrained',
      caller: alice,
      seed: { 'blogs/b1/posts/p1': { published: true } },
      op: (fs, db) =>
        fs.getDocs(fs.query(fs.collection(db, 'blogs/b1/posts'), fs.where('published', '==', true))),
      expected: 'allowed',
    },
  ],
};
