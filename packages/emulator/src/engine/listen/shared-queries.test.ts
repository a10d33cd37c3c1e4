import type { Document } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { docName, int, ROOT } from '../test-support.js';
import { SharedQueries } from './shared-queries.js';

describe('SharedQueries', () => {
  it('shares one compiled query per identical query and forgets it with its last user', () => {
    const queries = new SharedQueries();
    const query = { from: [{ collectionId: 'c' }] };
    const a = queries.acquire(ROOT, query);
    const b = queries.acquire(ROOT, { from: [{ collectionId: 'c' }] });
    const other = queries.acquire(ROOT, { from: [{ collectionId: 'd' }] });
    expect(b).toBe(a);
    expect(other).not.toBe(a);
    queries.release(a);
    expect(queries.size).toBe(2);
    queries.release(b);
    queries.release(other);
    expect(queries.size).toBe(0);
  });

  it('answers for each document object it is shown', () => {
    const shared = new SharedQueries().acquire(ROOT, { from: [{ collectionId: 'c' }] });
    const inC: Document = { name: docName('c/a'), fields: { n: int(1) } };
    const inD: Document = { name: docName('d/a'), fields: { n: int(1) } };
    expect([shared.matches(inC), shared.matches(inC), shared.matches(inD), shared.matches(inC)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});
