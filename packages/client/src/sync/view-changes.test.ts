import type { Document } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { diffViews, indexChanges } from './view-changes.js';

const doc = (id: string, n: number): Document => ({
  name: `projects/p/databases/(default)/documents/c/${id}`,
  fields: { n: { integerValue: String(n) } },
});
const n = (d: Document) => Number((d.fields!.n as { integerValue: string }).integerValue);
const byN = (a: Document, b: Document) => n(a) - n(b) || (a.name < b.name ? -1 : 1);
const id = (d: Document) => d.name.split('/').pop();
const summary = (changes: ReturnType<typeof indexChanges>) =>
  changes.map((c) => `${c.type} ${id(c.doc)} ${c.oldIndex} ${c.newIndex}`);

describe('docChanges as Firebase computes them', () => {
  it('orders removals, then additions, then modifications, each by the query order', () => {
    const oldDocs = [doc('a', 1), doc('b', 2), doc('c', 3), doc('d', 4)];
    const newDocs = [doc('e', 0), doc('b', 2), doc('d', 3), doc('f', 5)].sort(byN);
    const changes = diffViews(oldDocs, new Set(), newDocs, new Set(), byN);
    expect(changes.map((c) => `${c.type} ${id(c.doc)}`)).toEqual([
      'removed a',
      'removed c',
      'added e',
      'added f',
      'modified d',
    ]);
    expect(summary(indexChanges(oldDocs, changes, byN, false))).toEqual([
      'removed a 0 -1',
      'removed c 1 -1',
      'added e -1 0',
      'added f -1 3',
      'modified d 2 2',
    ]);
  });

  it('tracks a modified document that moves', () => {
    const oldDocs = [doc('a', 1), doc('b', 2), doc('c', 3)];
    const newDocs = [doc('b', 2), doc('c', 3), doc('a', 9)];
    const changes = diffViews(oldDocs, new Set(), newDocs, new Set(), byN);
    expect(summary(indexChanges(oldDocs, changes, byN, false))).toEqual(['modified a 0 2']);
  });

  it('reports pending-state flips as metadata changes, shown only when asked for', () => {
    const docs = [doc('a', 1), doc('b', 2)];
    const changes = diffViews(docs, new Set([docs[1].name]), docs, new Set(), byN);
    expect(changes.map((c) => c.type)).toEqual(['metadata']);
    expect(summary(indexChanges(docs, changes, byN, false))).toEqual([]);
    expect(summary(indexChanges(docs, changes, byN, true))).toEqual(['modified b 1 1']);
  });

  it('makes a first snapshot all additions', () => {
    const docs = [doc('a', 1), doc('b', 2)];
    const changes = diffViews([], new Set(), docs, new Set(), byN);
    expect(summary(indexChanges(null, changes, byN, false))).toEqual(['added a -1 0', 'added b -1 1']);
  });
});

describe('docChanges replay', () => {
  it('turns the previous result into the next one, for random views', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const randomView = () => {
      const docs: Document[] = [];
      for (let i = 0; i < 12; i++) if (random(2) === 0) docs.push(doc(`d${i}`, random(5)));
      return docs.sort(byN);
    };
    for (let round = 0; round < 500; round++) {
      const oldDocs = randomView();
      const newDocs = randomView();
      const oldMutated = new Set(oldDocs.filter(() => random(3) === 0).map((d) => d.name));
      const newMutated = new Set(newDocs.filter(() => random(3) === 0).map((d) => d.name));
      const changes = diffViews(oldDocs, oldMutated, newDocs, newMutated, byN);
      for (const includeMetadata of [false, true]) {
        const replayed = [...oldDocs];
        for (const c of indexChanges(oldDocs, changes, byN, includeMetadata)) {
          if (c.type !== 'added') expect(replayed.splice(c.oldIndex, 1)[0].name).toBe(c.doc.name);
          if (c.type !== 'removed') replayed.splice(c.newIndex, 0, c.doc);
        }
        expect(replayed).toEqual(newDocs);
      }
    }
  });
});
