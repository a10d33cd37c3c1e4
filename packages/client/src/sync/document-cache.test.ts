import type { Document } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { DocumentCache } from './document-cache.js';

const doc = (id: string, n = 1): Document => ({
  name: `c/${id}`,
  fields: { n: { integerValue: String(n) } },
});
const docs = (...list: Document[]) => new Map(list.map((d) => [d.name, d]));
const nothingHeld = () => false;

describe('DocumentCache', () => {
  it('takes the newest synced versions and forgets what a target dropped unless something holds it', () => {
    const cache = new DocumentCache();
    cache.update(new Map(), docs(doc('a'), doc('b'), doc('c')), nothingHeld);
    cache.update(docs(doc('a'), doc('b'), doc('c')), docs(doc('a', 2)), (name) => name === 'c/c');
    expect([...cache.documents.values()]).toEqual([doc('c'), doc('a', 2)]);
  });

  it('evicts the oldest documents nothing holds beyond the limit', () => {
    const cache = new DocumentCache();
    cache.update(new Map(), docs(doc('a'), doc('b'), doc('c'), doc('d')), nothingHeld);
    cache.evict((name) => name === 'c/a', 1);
    expect([...cache.documents.keys()]).toEqual(['c/a', 'c/d']);
  });
});
