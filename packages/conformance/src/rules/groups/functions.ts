/** Functions at service and match level, calling each other, with `let` bindings and parameters. */
import { type RulesGroup, rulesFile, user } from '../scenario.js';

export const functions: RulesGroup = {
  name: 'functions',
  rules: rulesFile(
    `    function isOwner(uid) {
      let me = request.auth.uid;
      return me == uid;
    }
    match /notes/{uid}/items/{item} {
      function validItem(data) {
        let title = data.title;
        let long = title.size() > 3;
        return title is string && long && data.keys().hasOnly(['title', 'tags']);
      }
      allow get: if isOwner(uid) || hasRole('auditor');
      allow create: if isOwner(uid) && validItem(request.resource.data);
    }
    match /fib/{n} {
      allow get: if fib(int(n)) == 5;
    }`,
    `  function signedIn() {
    return request.auth != null;
  }
  function hasRole(role) {
    return signedIn() && role in request.auth.token.roles;
  }
  function fib(n) {
    return n < 2 ? n : fib2(n - 1) + fib2(n - 2);
  }
  function fib2(n) {
    return n < 2 ? n : fib3(n - 1) + fib3(n - 2);
  }
  function fib3(n) {
    return n < 2 ? n : (n < 4 ? n - 1 : 99);
  }`,
  ),
  scenarios: [
    {
      name: 'a match-level function with let: the owner reads',
      caller: user('alice'),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'notes/alice/items/1')),
      expected: 'allowed',
    },
    {
      name: 'a service-level function calling another: a role claim reads',
      caller: user('bob', { roles: ['auditor'] }),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'notes/alice/items/1')),
      expected: 'allowed',
    },
    {
      name: 'neither function allows another user',
      caller: user('bob', { roles: ['editor'] }),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'notes/alice/items/1')),
      expected: 'denied',
    },
    {
      name: 'signed out: the error inside a function denies',
      caller: null,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'notes/alice/items/1')),
      expected: 'denied',
    },
    {
      name: 'a validation function accepts a valid item',
      caller: user('alice'),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'notes/alice/items/1'), { title: 'Groceries', tags: ['home'] }),
      expected: 'allowed',
    },
    {
      name: 'a validation function refuses a short title',
      caller: user('alice'),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'notes/alice/items/1'), { title: 'Eh' }),
      expected: 'denied',
    },
    {
      name: 'a validation function refuses an extra key',
      caller: user('alice'),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'notes/alice/items/1'), { title: 'Groceries', secret: true }),
      expected: 'denied',
    },
    {
      name: 'a validation function refuses a non-string title',
      caller: user('alice'),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'notes/alice/items/1'), { title: 12345 }),
      expected: 'denied',
    },
    {
      name: 'nested function calls compute a value (allowed)',
      caller: user('alice'),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'fib/5')),
      expected: 'allowed',
    },
    {
      name: 'nested function calls compute a value (denied)',
      caller: user('alice'),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'fib/4')),
      expected: 'denied',
    },
  ],
};
