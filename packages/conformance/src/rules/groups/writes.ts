/**
 * Writes: create vs update vs delete decided from the stored document, `resource` vs `request.resource`
 * (the document after the write, transforms applied: serverTimestamp() is request.time), merges.
 */
import { type RulesGroup, rulesFile, user } from '../scenario.js';

const alice = user('alice');
const bob = user('bob');
const post = { owner: 'alice', title: 'Hello', likes: 0, visibility: 'public' };

export const writes: RulesGroup = {
  name: 'writes',
  rules: rulesFile(`    match /posts/{postId} {
      allow get: if resource == null || resource.data.visibility == 'public';
      allow create: if request.resource.data.owner == request.auth.uid
                    && request.resource.data.createdAt == request.time
                    && request.method == 'create';
      allow update: if resource.data.owner == request.auth.uid
                    && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['title', 'likes'])
                    && request.method == 'update';
      allow delete: if resource.data.owner == request.auth.uid && request.method == 'delete';
    }
    match /counters/{id} {
      allow create: if request.resource.data.n == 0;
      allow update: if request.resource.data.n == resource.data.n + 1;
    }
    match /lists/{id} {
      allow update: if request.resource.data.tags.size() <= 3
                    && request.resource.data.tags.hasAll(resource.data.tags)
                    && request.resource.data.get('touched', request.time) == request.time;
    }
    match /meta/{id} {
      allow create, update: if request.resource.data.meta.at == request.time
                            && request.resource.id == id
                            && request.resource.__name__ == /databases/$(database)/documents/meta/$(id);
    }
    match /floats/{id} {
      allow update: if request.resource.data.n is float;
    }
    match /gone/{id} {
      allow delete: if resource == null;
    }
    match /modes/{id} {
      allow create: if request.method == 'create' && request.resource.data.keys().hasOnly(['a']);
      allow update: if request.method == 'update' && request.resource.data.keys().hasAll(['a', 'b']);
    }
    match /after/{id} {
      allow delete: if getAfter(request.path) == null;
    }
    match /profiles/{uid} {
      allow write: if request.auth.uid == uid
                   && request.resource.data.size() <= 3
                   && request.resource.data.get('age', 18) >= 18;
    }`),
  scenarios: [
    {
      name: 'get of a missing document sees resource == null',
      caller: alice,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'posts/none')),
      expected: 'allowed',
    },
    {
      name: 'get of a public post',
      caller: alice,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.getDoc(fs.doc(db, 'posts/p')),
      expected: 'allowed',
    },
    {
      name: 'get of a private post',
      caller: alice,
      seed: { 'posts/p': { ...post, visibility: 'private' } },
      op: (fs, db) => fs.getDoc(fs.doc(db, 'posts/p')),
      expected: 'denied',
    },
    {
      name: 'create with serverTimestamp() equal to request.time',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'posts/p'), { ...post, createdAt: fs.serverTimestamp() }),
      expected: 'allowed',
    },
    {
      name: 'request.time is one instant for every write of a batch',
      caller: alice,
      op: (fs, db) => {
        const batch = fs.writeBatch(db);
        batch.set(fs.doc(db, 'posts/p1'), { ...post, createdAt: fs.serverTimestamp() });
        batch.set(fs.doc(db, 'posts/p2'), { ...post, createdAt: fs.serverTimestamp() });
        return batch.commit();
      },
      expected: 'allowed',
    },
    {
      name: 'create with a client timestamp is not request.time',
      caller: alice,
      op: (fs, db) =>
        fs.setDoc(fs.doc(db, 'posts/p'), {
          ...post,
          createdAt: fs.Timestamp.fromMillis(Date.now() - 60_000),
        }),
      expected: 'denied',
    },
    {
      name: 'create for another owner',
      caller: bob,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'posts/p'), { ...post, createdAt: fs.serverTimestamp() }),
      expected: 'denied',
    },
    {
      name: 'set on an existing document is an update (allowed change)',
      caller: alice,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.setDoc(fs.doc(db, 'posts/p'), { ...post, title: 'Bonjour' }),
      expected: 'allowed',
    },
    {
      name: 'set on an existing document is an update, not a create',
      caller: alice,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.setDoc(fs.doc(db, 'posts/p'), { ...post, createdAt: fs.serverTimestamp() }),
      expected: 'denied',
    },
    {
      name: 'update of an allowed field',
      caller: alice,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'posts/p'), { likes: 1 }),
      expected: 'allowed',
    },
    {
      name: 'update of a protected field',
      caller: alice,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'posts/p'), { visibility: 'private' }),
      expected: 'denied',
    },
    {
      name: "update of another user's post",
      caller: bob,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'posts/p'), { likes: 1 }),
      expected: 'denied',
    },
    {
      name: 'update of a missing document: resource is null, so the rule denies',
      caller: alice,
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'posts/none'), { likes: 1 }),
      expected: 'denied',
    },
    {
      name: 'merge set: request.resource is the merged document',
      caller: alice,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.setDoc(fs.doc(db, 'posts/p'), { title: 'Merged' }, { merge: true }),
      expected: 'allowed',
    },
    {
      name: 'delete by the owner',
      caller: alice,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'posts/p')),
      expected: 'allowed',
    },
    {
      name: 'delete by someone else',
      caller: bob,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'posts/p')),
      expected: 'denied',
    },
    {
      name: 'delete of a missing document: resource.data is an error',
      caller: alice,
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'posts/none')),
      expected: 'denied',
    },
    {
      name: 'increment(1) is seen in request.resource',
      caller: alice,
      seed: { 'counters/c': { n: 5 } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'counters/c'), { n: fs.increment(1) }),
      expected: 'allowed',
    },
    {
      name: 'increment(2) breaks the counter rule',
      caller: alice,
      seed: { 'counters/c': { n: 5 } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'counters/c'), { n: fs.increment(2) }),
      expected: 'denied',
    },
    {
      name: 'increment on a missing document creates it from zero',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'counters/c'), { n: fs.increment(0) }, { merge: true }),
      expected: 'allowed',
    },
    {
      name: 'deleteField() leaves the field out of request.resource (affectedKeys)',
      caller: alice,
      seed: { 'posts/p': post },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'posts/p'), { likes: fs.deleteField() }),
      expected: 'allowed',
    },
    {
      name: 'arrayUnion() is applied in request.resource (within the limit)',
      caller: alice,
      seed: { 'lists/l': { tags: ['a', 'b'] } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'lists/l'), { tags: fs.arrayUnion('c', 'a') }),
      expected: 'allowed',
    },
    {
      name: 'arrayUnion() is applied in request.resource (over the limit)',
      caller: alice,
      seed: { 'lists/l': { tags: ['a', 'b'] } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'lists/l'), { tags: fs.arrayUnion('c', 'd') }),
      expected: 'denied',
    },
    {
      name: 'arrayRemove() is applied in request.resource',
      caller: alice,
      seed: { 'lists/l': { tags: ['a', 'b'] } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'lists/l'), { tags: fs.arrayRemove('a') }),
      expected: 'denied',
    },
    {
      name: 'serverTimestamp() in an update is request.time',
      caller: alice,
      seed: { 'lists/l': { tags: ['a'] } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'lists/l'), { touched: fs.serverTimestamp() }),
      expected: 'allowed',
    },
    {
      name: 'a stored timestamp in an update is not request.time',
      caller: alice,
      seed: { 'lists/l': { tags: ['a'] } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'lists/l'), { touched: fs.Timestamp.fromMillis(0) }),
      expected: 'denied',
    },
    {
      name: 'serverTimestamp() in a nested map, request.resource.id and __name__',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'meta/m'), { meta: { at: fs.serverTimestamp() } }),
      expected: 'allowed',
    },
    {
      name: 'increment by a float makes the field a float',
      caller: alice,
      seed: { 'floats/f': { n: 1 } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'floats/f'), { n: fs.increment(1.5) }),
      expected: 'allowed',
    },
    {
      name: 'increment by an int keeps the field an int',
      caller: alice,
      seed: { 'floats/f': { n: 1 } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'floats/f'), { n: fs.increment(1) }),
      expected: 'denied',
    },
    {
      name: 'delete of a missing document: resource == null',
      caller: alice,
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'gone/none')),
      expected: 'allowed',
    },
    {
      name: 'delete of a stored document: resource != null',
      caller: alice,
      seed: { 'gone/g': { a: 1 } },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'gone/g')),
      expected: 'denied',
    },
    {
      name: 'a merge set on a missing document is a create',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'modes/m'), { a: 1 }, { merge: true }),
      expected: 'allowed',
    },
    {
      name: 'a merge set on a stored document is an update of the merged document',
      caller: alice,
      seed: { 'modes/m': { a: 1, b: 1 } },
      op: (fs, db) => fs.setDoc(fs.doc(db, 'modes/m'), { a: 2 }, { merge: true }),
      expected: 'allowed',
    },
    {
      name: 'mergeFields: only the listed fields change',
      caller: alice,
      seed: { 'modes/m': { a: 1, b: 1 } },
      op: (fs, db) => fs.setDoc(fs.doc(db, 'modes/m'), { a: 3, c: 1 }, { mergeFields: ['a'] }),
      expected: 'allowed',
    },
    {
      name: 'a plain set on a stored document replaces it',
      caller: alice,
      seed: { 'modes/m': { a: 1, b: 1 } },
      op: (fs, db) => fs.setDoc(fs.doc(db, 'modes/m'), { a: 2 }),
      expected: 'denied',
    },
    {
      name: 'getAfter() of the document being deleted is null',
      caller: alice,
      seed: { 'after/x': { a: 1 } },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'after/x')),
      expected: 'allowed',
    },
    {
      name: 'write rule covers create (map size and get default)',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'profiles/alice'), { name: 'Alice', age: 30 }),
      expected: 'allowed',
    },
    {
      name: 'write rule refuses a field value',
      caller: alice,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'profiles/alice'), { name: 'Alice', age: 12 }),
      expected: 'denied',
    },
    {
      name: 'write rule refuses too many fields',
      caller: alice,
      seed: { 'profiles/alice': { name: 'Alice' } },
      op: (fs, db) => fs.updateDoc(fs.doc(db, 'profiles/alice'), { a: 1, b: 2, c: 3 }),
      expected: 'denied',
    },
    {
      name: 'a delete has no request.resource, so a write rule reading it denies',
      caller: alice,
      seed: { 'profiles/alice': { name: 'Alice' } },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'profiles/alice')),
      expected: 'denied',
    },
  ],
};
