import { describe, expect, it } from 'vitest';
import { docName, ROOT } from '../test-support.js';
import { documentKeys, MatchingIndex, queryKeys } from './matching-index.js';

describe('MatchingIndex', () => {
  const index = new MatchingIndex<string>();
  index.add(queryKeys(ROOT, [{ collectionId: 'c' }]), 'top c');
  index.add(queryKeys(docName('a/1'), [{ collectionId: 'c' }]), 'a/1/c');
  index.add(queryKeys(ROOT, [{ collectionId: 'c', allDescendants: true }]), 'group c');
  index.add(queryKeys(docName('a/1'), [{ collectionId: '' }]), 'children of a/1');
  index.add(queryKeys(ROOT, [{ collectionId: '', allDescendants: true }]), 'everything');
  index.add(documentKeys([docName('c/x'), docName('c/x'), docName('d/y')]), 'docs');

  const hits = (path: string) => [...new Set(index.candidates(docName(path)))].sort();

  it('finds only the targets filed under a document’s collection, group, parent and name', () => {
    expect(hits('c/x')).toEqual(['docs', 'everything', 'group c', 'top c']);
    expect(hits('a/1/c/z')).toEqual(['a/1/c', 'children of a/1', 'everything', 'group c']);
    expect(hits('a/2/c/z')).toEqual(['everything', 'group c']);
    expect(hits('d/y')).toEqual(['docs', 'everything']);
    expect(hits('e/z')).toEqual(['everything']);
  });

  it('forgets removed targets and their empty buckets', () => {
    const small = new MatchingIndex<string>();
    const keys = queryKeys(`${ROOT}/`, [{ collectionId: 'c' }]);
    small.add(keys, 't');
    expect([...small.candidates(docName('c/x'))]).toEqual(['t']);
    small.remove(keys, 't');
    expect([...small.candidates(docName('c/x'))]).toEqual([]);
    expect(small.size).toBe(0);
  });
});
