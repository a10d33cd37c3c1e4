import { describe, expect, it } from 'vitest';
import { type ChainSnapshot, checkChain } from './snapshot-chain.js';

const doc = (id: string, n: number) => ({ id, data: `{"n":${n}}` });

describe('checkChain', () => {
  const first: ChainSnapshot = {
    docs: [doc('a', 1), doc('b', 2)],
    changes: [
      { type: 'added', id: 'a', data: '{"n":1}', oldIndex: -1, newIndex: 0 },
      { type: 'added', id: 'b', data: '{"n":2}', oldIndex: -1, newIndex: 1 },
    ],
  };

  it('accepts changes that turn each snapshot into the next', () => {
    const second: ChainSnapshot = {
      docs: [doc('b', 2), doc('c', 3), doc('a', 9)],
      changes: [
        { type: 'added', id: 'c', data: '{"n":3}', oldIndex: -1, newIndex: 2 },
        { type: 'modified', id: 'a', data: '{"n":9}', oldIndex: 0, newIndex: 2 },
      ],
    };
    const third: ChainSnapshot = {
      docs: [doc('c', 3), doc('a', 9)],
      changes: [{ type: 'removed', id: 'b', data: '{"n":2}', oldIndex: 0, newIndex: -1 }],
    };
    expect(checkChain('q', [first, second, third])).toEqual([]);
  });

  it('reports a duplicate add, a wrong index and a result that does not match', () => {
    const second: ChainSnapshot = {
      docs: [doc('a', 1), doc('b', 2)],
      changes: [{ type: 'added', id: 'a', data: '{"n":1}', oldIndex: -1, newIndex: 0 }],
    };
    const third: ChainSnapshot = {
      docs: [doc('b', 2)],
      changes: [{ type: 'removed', id: 'a', data: '{"n":1}', oldIndex: 1, newIndex: -1 }],
    };
    expect(checkChain('q', [first, second, third])).toEqual([
      "q snapshot 1: 'a' added while already present",
      'q snapshot 1: changes applied give [{"data":"{\\"n\\":1}","id":"a"},{"data":"{\\"n\\":1}","id":"a"},{"data":"{\\"n\\":2}","id":"b"}], snapshot has [{"data":"{\\"n\\":1}","id":"a"},{"data":"{\\"n\\":2}","id":"b"}]',
      "q snapshot 2: removed 'a' at 0, oldIndex says 1",
    ]);
  });
});
