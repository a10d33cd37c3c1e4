/**
 * Listeners under security rules, on both legs (the full SDK against the official emulator, @kindling/client
 * against Kindling): when a target is re-checked, and what a listener hears once it is denied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ListenLegs, type ListenScenario, runListenScenario, startListenLegs } from './harness.js';

const USER = 'alice';

// Messages are readable by a room's members: the rule reads the room document (get), so whether a listener
// may go on depends on a document other than the ones it listens to.
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /{rooms}/{room} {
      allow read: if true;
      match /msgs/{msg} {
        allow read: if request.auth.uid in get(/databases/$(database)/documents/$(rooms)/$(room)).data.members;
      }
    }
  }
}`;

const scenarios: ListenScenario[] = [
  {
    name: 'membership revoked through a get() dependency: each listener is denied at its next change, not before',
    async run(fs, db, ctx) {
      const rooms = ctx.col('rooms');
      const r = ctx.remote.fs;
      const remote = (path: string) => r.doc(ctx.remote.db, `${rooms}/${path}`);
      await r.setDoc(remote('one'), { members: [USER, 'bob'] });
      await r.setDoc(remote('two'), { members: [USER] });
      await r.setDoc(remote('one/msgs/m1'), { t: 'hi' });
      await r.setDoc(remote('two/msgs/m1'), { t: 'hi' });
      const roomOne = ctx.listen(
        'room one, t == hi',
        fs.query(fs.collection(db, `${rooms}/one/msgs`), fs.where('t', '==', 'hi')),
      );
      const message = ctx.listen('room one, m1', fs.doc(db, `${rooms}/one/msgs/m1`));
      const roomTwo = ctx.listen('room two', fs.collection(db, `${rooms}/two/msgs`));
      await ctx.settle();
      // The rule now denies room one, but nothing its listeners target has changed: they hear nothing.
      await r.setDoc(remote('one'), { members: ['bob'] });
      await ctx.settle();
      // A change that does not match the query's filter still re-checks it. (Each wait below ends at the
      // expected event, so a slow server cannot push it past the step; a missing one shows in the comparison.)
      await r.setDoc(remote('one/msgs/m2'), { t: 'other' });
      await roomOne.count(Number.POSITIVE_INFINITY);
      await ctx.settle();
      // Room two's listener is untouched and goes on.
      await r.setDoc(remote('two/msgs/m2'), { t: 'hello' });
      await roomTwo.count(2);
      await ctx.settle();
      await r.updateDoc(remote('one/msgs/m1'), { t: 'hi', edited: true });
      await message.count(Number.POSITIVE_INFINITY);
      await ctx.settle();
    },
  },
  {
    name: 'membership granted: a denied listener stays ended; a new one is allowed',
    async run(fs, db, ctx) {
      const rooms = ctx.col('rooms');
      const r = ctx.remote.fs;
      const remote = (path: string) => r.doc(ctx.remote.db, `${rooms}/${path}`);
      await r.setDoc(remote('one'), { members: ['bob'] });
      await r.setDoc(remote('one/msgs/m1'), { t: 'hi' });
      ctx.listen('before', fs.collection(db, `${rooms}/one/msgs`));
      await ctx.settle();
      await r.setDoc(remote('one'), { members: ['bob', USER] });
      await r.setDoc(remote('one/msgs/m2'), { t: 'welcome' });
      ctx.listen('after', fs.collection(db, `${rooms}/one/msgs`));
      await ctx.settle();
    },
  },
];

let running: ListenLegs;

beforeAll(async () => {
  running = await startListenLegs({ rules: RULES, user: USER });
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

describe('listeners under security rules', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const { legs } = running;
      const results = await Promise.all(legs.map((leg) => runListenScenario(scenario, leg)));
      if (process.env.CONFORMANCE_PRINT) console.log(scenario.name, JSON.stringify(results));
      for (const [i, leg] of legs.entries())
        expect({ [leg.name]: results[i] }).toEqual({ [leg.name]: results[0] });
    }, 60_000);
  }
});
