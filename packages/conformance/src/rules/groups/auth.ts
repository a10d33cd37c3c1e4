/** `request.auth`: signed out, the uid, token claims, and the admin token that bypasses rules. */
import { type RulesGroup, rulesFile, user } from '../scenario.js';

const verified = { email: 'ada@example.com', email_verified: true };

export const auth: RulesGroup = {
  name: 'auth',
  rules: rulesFile(`    match /users/{userId} {
      allow get: if request.auth != null && request.auth.uid == userId;
      allow create: if request.auth.uid == userId;
    }
    match /staff/{doc} {
      allow read: if request.auth.token.admin == true;
      allow write: if request.auth.token.email_verified == true
                   && request.auth.token.email.matches('.*@example[.]com');
    }
    match /providers/{doc} {
      allow get: if request.auth.token.firebase.sign_in_provider == 'custom';
    }
    match /identities/{doc} {
      allow get: if request.auth.token.firebase.identities.size() == 0
                 && request.auth.token.email == 'x@example.com';
    }
    match /locked/{doc} {
      allow read, write: if false;
    }`),
  scenarios: [
    {
      name: 'signed out cannot read a user document',
      caller: null,
      op: (fs, db) => fs.getDoc(fs.doc(db, 'users/alice')),
      expected: 'denied',
    },
    {
      name: 'a user reads their own document',
      caller: user('alice'),
      seed: { 'users/alice': { name: 'Alice' } },
      op: (fs, db) => fs.getDoc(fs.doc(db, 'users/alice')),
      expected: 'allowed',
    },
    {
      name: "a user cannot read another user's document",
      caller: user('bob'),
      seed: { 'users/alice': { name: 'Alice' } },
      op: (fs, db) => fs.getDoc(fs.doc(db, 'users/alice')),
      expected: 'denied',
    },
    {
      name: 'a user creates their own document',
      caller: user('alice'),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'users/alice'), { name: 'Alice' }),
      expected: 'allowed',
    },
    {
      name: "a user cannot create another user's document",
      caller: user('alice'),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'users/bob'), { name: 'Bob' }),
      expected: 'denied',
    },
    {
      name: 'signed out: request.auth.uid is an error, so create is denied',
      caller: null,
      op: (fs, db) => fs.setDoc(fs.doc(db, 'users/alice'), { name: 'Alice' }),
      expected: 'denied',
    },
    {
      name: 'a custom claim allows reading',
      caller: user('ada', { admin: true }),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'staff/roster')),
      expected: 'allowed',
    },
    {
      name: 'a missing custom claim denies',
      caller: user('ada'),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'staff/roster')),
      expected: 'denied',
    },
    {
      name: 'a false custom claim denies',
      caller: user('ada', { admin: false }),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'staff/roster')),
      expected: 'denied',
    },
    {
      name: 'a verified email in the domain may write',
      caller: user('ada', verified),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'staff/ada'), { role: 'dev' }),
      expected: 'allowed',
    },
    {
      name: 'an unverified email may not write',
      caller: user('ada', { ...verified, email_verified: false }),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'staff/ada'), { role: 'dev' }),
      expected: 'denied',
    },
    {
      name: 'an email outside the domain may not write',
      caller: user('eve', { email: 'eve@example.org', email_verified: true }),
      op: (fs, db) => fs.setDoc(fs.doc(db, 'staff/eve'), { role: 'dev' }),
      expected: 'denied',
    },
    {
      name: 'the mock token carries firebase.sign_in_provider',
      caller: user('alice'),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'providers/custom')),
      expected: 'allowed',
    },
    {
      name: 'token maps: firebase.identities and a claim present',
      caller: user('ada', { email: 'x@example.com' }),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'identities/i')),
      expected: 'allowed',
    },
    {
      name: 'token maps: a claim absent is an error',
      caller: user('ada'),
      op: (fs, db) => fs.getDoc(fs.doc(db, 'identities/i')),
      expected: 'denied',
    },
    {
      name: 'rules that deny everyone deny a signed-in user',
      caller: user('alice', { admin: true }),
      seed: { 'locked/x': { a: 1 } },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'locked/x')),
      expected: 'denied',
    },
    {
      name: 'the owner token bypasses rules that deny everyone',
      caller: 'owner',
      seed: { 'locked/x': { a: 1 } },
      op: (fs, db) => fs.deleteDoc(fs.doc(db, 'locked/x')),
      expected: 'allowed',
    },
  ],
};
