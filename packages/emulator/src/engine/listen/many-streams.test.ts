import { describe, expect, it } from 'vitest';
import { int, set } from '../test-support.js';
import { ClientModel, collectionQuery, setup } from './test-support.js';

describe('many streams', () => {
  it('delivers each commit once to every stream listening, each with its own target ids', async () => {
    const { open, commit, fresh, manager } = setup();
    const streams = Array.from({ length: 50 }, (_, i) => {
      const s = open();
      s.stream.addTarget(collectionQuery(i + 1, i % 2 ? 'odd' : 'even'));
      s.stream.addTarget(collectionQuery(1000, 'all', {}));
      return { ...s, client: new ClientModel().apply(s.transport.take()) };
    });
    expect(manager.streamCount).toBe(50);
    for (let i = 0; i < 10; i++)
      await commit(set(`${i % 2 ? 'odd' : 'even'}/d${i}`, { n: int(i) }), set(`all/d${i}`, { n: int(i) }));
    for (const [i, s] of streams.entries()) {
      const sent = s.transport.take();
      expect(sent.filter((r) => r.targetChange?.targetChangeType === 'NO_CHANGE')).toHaveLength(10);
      s.client.apply(sent);
      expect(s.client.docs(i + 1)).toEqual(await fresh(collectionQuery(i + 1, i % 2 ? 'odd' : 'even')));
      expect(s.client.docs(1000).size).toBe(10);
    }
    for (const s of streams) s.stream.close();
    expect(manager.streamCount).toBe(0);
  });
});
