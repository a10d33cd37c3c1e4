import { Code, StatusError } from '@kindling/core';
import { describe, expect, it, vi } from 'vitest';
import { docName, int, set, str } from '../test-support.js';
import { collectionQuery, FakeTransport, LIMITS, setup, summary } from './test-support.js';
import type { TargetGuard } from './types.js';

// The guard a stream asks before it lets a target in and, for documents targets, before each change it sends.

const CONGESTED = 1_000_000;

function guarded() {
  const env = setup();
  const store = env.engine.database('projects/demo-test/databases/(default)');
  const asked: string[] = [];
  let denyQueries = false;
  // Documents whose `hidden` field is set may not be read; query targets are denied while `denyQueries`.
  const guard: TargetGuard = (spec) => {
    asked.push(spec.kind);
    const hidden =
      spec.kind === 'documents'
        ? spec.names.some((name) => store.get(name).doc?.fields?.hidden)
        : denyQueries;
    if (hidden) throw new StatusError(Code.PERMISSION_DENIED, 'denied');
  };
  const transport = new FakeTransport();
  const stream = env.manager.open(
    'projects/demo-test/databases/(default)',
    transport,
    { ...LIMITS, eventBufferSize: 2 },
    guard,
  ) as ReturnType<typeof env.open>['stream'];
  return { ...env, transport, stream, asked, denyQueries: () => (denyQueries = true) };
}

const docTarget = (targetId: number, path: string) => ({
  targetId,
  documents: { documents: [docName(path)] },
});

describe('the target guard', () => {
  it('refuses a target with its error and no ADD; recheck removes what it no longer admits, once', async () => {
    const env = guarded();
    await env.commit(set('c/a', { hidden: str('y') }), set('c/b', {}));
    env.stream.addTarget(docTarget(1, 'c/a'));
    env.stream.addTarget(docTarget(2, 'c/b'));
    env.stream.addTarget(collectionQuery(3, 'c'));
    expect(summary(env.transport.take())).toEqual([
      'REMOVE 1 cause=7',
      'ADD 2',
      'change c/b +[2]',
      'CURRENT 2',
      'NO_CHANGE',
      'ADD 3',
      'change c/a +[3]',
      'change c/b +[3]',
      'CURRENT 3',
      'NO_CHANGE',
    ]);
    env.denyQueries();
    env.stream.recheck();
    env.stream.recheck();
    expect(summary(env.transport.take())).toEqual(['REMOVE 3 cause=7']);
    expect(env.stream.targetCount).toBe(1);
  });

  it('re-checks a documents target before a change to its document is sent', async () => {
    const env = guarded();
    await env.commit(set('c/a', {}));
    env.stream.addTarget(docTarget(1, 'c/a'));
    env.stream.addTarget(collectionQuery(2, 'c'));
    env.transport.take();
    await env.commit(set('c/a', { hidden: str('y') }));
    // The query target (not re-checked on data changes) still hears of it; the documents target is gone.
    expect(summary(env.transport.take())).toEqual(['REMOVE 1 cause=7', 'change c/a +[2]', 'NO_CHANGE']);
  });

  it('re-checks documents targets when a stream that fell behind catches up', async () => {
    const env = guarded();
    await env.commit(set('c/a', { n: int(0) }));
    env.stream.addTarget(docTarget(1, 'c/a'));
    env.stream.addTarget(collectionQuery(2, 'd'));
    env.transport.take();
    env.transport.buffered = CONGESTED;
    // More distinct changes than the buffer holds: the stream stops following commits until it drains.
    for (let n = 1; n <= 5; n++) await env.commit(set(`d/${n}`, { n: int(n) }));
    await env.commit(set('c/a', { hidden: str('y') }));
    env.transport.buffered = 0;
    await vi.waitFor(() => expect(env.stream.settled).toBe(true));
    const sent = env.transport.take();
    expect(summary(sent).filter((s) => s.includes('c/a') || s.startsWith('REMOVE'))).toEqual([
      'REMOVE 1 cause=7',
    ]);
    expect(JSON.stringify(sent)).not.toContain('hidden');
  });
});
