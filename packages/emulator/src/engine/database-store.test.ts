import type { Document } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { DatabaseStore } from './database-store.js';
import { DB, docName } from './test-support.js';

const doc = (path: string, updateTime: string): Document => ({
  name: docName(path),
  fields: {},
  createTime: updateTime,
  updateTime,
});

const names = (docs: Iterable<Document>) => [...docs].map((d) => d.name.slice(docName('').length)).sort();

describe('DatabaseStore.documents by collection id', () => {
  it('yields the documents of every collection with that id, at any depth, as of a version', () => {
    const store = new DatabaseStore(DB, 0, { retention: 0 });
    const time = (n: number) => `2026-01-01T00:00:0${n}Z`;
    store.apply(
      1,
      new Map(
        [
          ['a/1', doc('a/1', time(1))],
          ['b/1', doc('b/1', time(1))],
          ['b/1/a/2', doc('b/1/a/2', time(1))],
        ].map(([k, v]) => [docName(k as string), v as Document]),
      ),
    );
    expect(names(store.documents(undefined, 'a'))).toEqual(['a/1', 'b/1/a/2']);
    expect(names(store.documents(undefined, 'b'))).toEqual(['b/1']);
    expect(names(store.documents(undefined, 'c'))).toEqual([]);
    store.apply(
      2,
      new Map([
        [docName('a/1'), null],
        [docName('a/3'), doc('a/3', time(2))],
      ]),
    );
    expect(names(store.documents(undefined, 'a'))).toEqual(['a/3', 'b/1/a/2']);
    // Without an id: every collection.
    expect(names(store.documents())).toEqual(['a/3', 'b/1', 'b/1/a/2']);
    store.clear(3);
    expect(names(store.documents(undefined, 'a'))).toEqual([]);
  });

  it('keeps an older version readable while it is retained', () => {
    const store = new DatabaseStore(DB, 0, { retention: 1_000_000 });
    store.apply(1, new Map([[docName('a/1'), doc('a/1', '2026-01-01T00:00:01Z')]]));
    store.apply(2, new Map([[docName('a/1'), null]]));
    expect(names(store.documents(1, 'a'))).toEqual(['a/1']);
    expect(names(store.documents(2, 'a'))).toEqual([]);
  });
});
