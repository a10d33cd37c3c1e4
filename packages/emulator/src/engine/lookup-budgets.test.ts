import { describe, expect, it } from 'vitest';
import { OWNER } from './auth.js';
import { Engine } from './engine.js';
import { batchBudgets } from './lookup-budgets.js';
import { DB, expectStatus, set, unsignedJwt } from './test-support.js';

// Firestore's lookup limits: 10 distinct documents for one access, and in a batch or transaction 10 per write
// and 20 across the commit.

describe('batchBudgets', () => {
  // Counts as the evaluator does: a new name is refused once `seen.size` reaches `limit`.
  const lookUp = (budget: ReturnType<ReturnType<typeof batchBudgets>>, name: string) => {
    if (budget.seen.has(name)) return true;
    if (budget.seen.size >= budget.limit) return false;
    budget.seen.add(name);
    return true;
  };
  const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it('gives each write 10 distinct lookups and the batch 20; a name read before is free', () => {
    const next = batchBudgets();
    const first = next();
    expect(names('a', 10).map((n) => lookUp(first, n))).toEqual(Array(10).fill(true));
    expect(lookUp(first, 'a10')).toBe(false);
    const second = next();
    expect(lookUp(second, 'a3')).toBe(true);
    expect(names('b', 10).map((n) => lookUp(second, n))).toEqual(Array(10).fill(true));
    const third = next();
    expect(lookUp(third, 'c0')).toBe(false);
    expect(lookUp(third, 'b9')).toBe(true);
  });
});

describe('lookup limits under real rules', () => {
  // A write to /w/{id} looks up the `n` documents /x/{id}-0 … (n from the path: /w/{id}/n/{n}).
  const rules = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    // A lookup past the limit is an error; \`in\` passes it on (\`||\` would swallow it: error || true is true).
    function seen(id, i) { return exists(/databases/$(database)/documents/x/$(id + '-' + string(i))) in [true, false]; }
    function upTo(id, n) {
      return n >= 0 && n <= 11 && (n < 1 || seen(id, 0)) && (n < 2 || seen(id, 1))
        && (n < 3 || seen(id, 2)) && (n < 4 || seen(id, 3)) && (n < 5 || seen(id, 4)) && (n < 6 || seen(id, 5))
        && (n < 7 || seen(id, 6)) && (n < 8 || seen(id, 7)) && (n < 9 || seen(id, 8)) && (n < 10 || seen(id, 9))
        && (n < 11 || seen(id, 10));
    }
    match /w/{id}/n/{n} { allow write: if upTo(id, int(n)); }
  }
}`;
  const write = (id: string, n: number) => set(`w/${id}/n/${n}`, {});
  const alice = { token: unsignedJwt({ sub: 'alice' }) };

  async function engine() {
    const e = new Engine({ rules });
    await e.call('commit', { database: DB, writes: [set('seed/s', {})] }, OWNER);
    return e;
  }

  it('one write may look up 10 documents, not 11', async () => {
    const e = await engine();
    await e.call('commit', { database: DB, writes: [write('a', 10)] }, alice);
    await expectStatus(
      e.call('commit', { database: DB, writes: [write('b', 11)] }, alice),
      'PERMISSION_DENIED',
    );
  });

  it('a batch or transaction may look up 20 over its writes, not 21, and still 10 per write', async () => {
    const e = await engine();
    await e.call('commit', { database: DB, writes: [write('a', 10), write('b', 10)] }, alice);
    await expectStatus(
      e.call('commit', { database: DB, writes: [write('a', 10), write('b', 10), write('c', 1)] }, alice),
      'PERMISSION_DENIED',
    );
    await expectStatus(
      e.call('commit', { database: DB, writes: [write('a', 1), write('b', 11)] }, alice),
      'PERMISSION_DENIED',
    );
    // The same documents looked up by two writes count once.
    await e.call('commit', { database: DB, writes: [write('a', 10), write('b', 10), write('a', 9)] }, alice);
    const { transaction } = await e.call('beginTransaction', { database: DB }, alice);
    await e.call('commit', { database: DB, transaction, writes: [write('t', 10), write('u', 10)] }, alice);
  });
});
