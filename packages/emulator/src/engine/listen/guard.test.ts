import { Code, StatusError } from '@kindling/core';
import { describe, expect, it, vi } from 'vitest';
import { docName, int, set, str } from '../test-support.js';
import { collectionQuery, FakeTransport, LIMITS, setup, summary } from './test-support.js';
import { RECHECK, type TargetGuard, type TargetPermit } from './types.js';

// The guard a stream asks before it lets a target in, and again before each change it sends to the target.

const CONGESTED = 1_000_000;

function guarded() {
  const env = setup();
  const store = env.engine.database('projects/demo-test/databases/(default)');
  const asked: string[] = [];
  let denyQueries = false;
  // What every admitted target's permit says: RECHECK asks the guard before each change.
  let permits: TargetPermit = RECHECK;
  // Documents whose `hidden` field is set may not be read; query targets are denied while `denyQueries`.
  const guard: TargetGuard = (spec) => {
    asked.push(spec.kind);
    const hidden =
      spec.kind === 'documents'
        ? spec.names.some((name) => store.get(name).doc?.fields?.hidden)
        : denyQueries;
    if (hidden) throw new StatusError(Code.PERMISSION_DENIED, 'denied');
    return permits;
  };
  const transport = new FakeTransport();
  const stream = env.manager.open(
    'projects/demo-test/databases/(default)',
    transport,
    { ...LIMITS, eventBufferSize: 2 },
    guard,
  ) as ReturnType<typeof env.open>['stream'];
  return {
    ...env,
    transport,
    stream,
    asked,
    denyQueries: () => (denyQueries = true),
    permitWith: (permit: TargetPermit) => (permits = permit),
  };
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

  it('re-checks a target before a change reaches it, and only then', async () => {
    const env = guarded();
    await env.commit(set('c/a', {}));
    env.stream.addTarget(docTarget(1, 'c/a'));
    env.stream.addTarget(collectionQuery(2, 'c'));
    env.stream.addTarget(collectionQuery(3, 'd'));
    env.transport.take();
    await env.commit(set('c/a', { hidden: str('y') }));
    expect(summary(env.transport.take())).toEqual(['REMOVE 1 cause=7', 'change c/a +[2]', 'NO_CHANGE']);
    // Query targets denied from now on: each one goes when a commit reaches it, not before.
    env.denyQueries();
    env.asked.length = 0;
    await env.commit(set('d/x', {}));
    expect(summary(env.transport.take())).toEqual(['REMOVE 3 cause=7', 'NO_CHANGE']);
    expect(env.asked).toEqual(['query']);
    await env.commit(set('c/b', {}));
    expect(summary(env.transport.take())).toEqual(['REMOVE 2 cause=7', 'NO_CHANGE']);
    expect(env.stream.targetCount).toBe(0);
  });

  it('trusts a permit that holds: the guard is not asked before changes, but always on recheck()', async () => {
    const env = guarded();
    let holds = true;
    env.permitWith(() => holds);
    env.stream.addTarget(collectionQuery(1, 'c'));
    env.stream.addTarget(collectionQuery(2, 'd'));
    env.transport.take();
    env.denyQueries();
    env.asked.length = 0;
    await env.commit(set('c/a', {}));
    expect(summary(env.transport.take())).toEqual(['change c/a +[1]', 'NO_CHANGE']);
    expect(env.asked).toEqual([]);
    holds = false;
    await env.commit(set('d/x', {}));
    expect(summary(env.transport.take())).toEqual(['REMOVE 2 cause=7', 'NO_CHANGE']);
    expect(env.asked).toEqual(['query']);
    holds = true;
    env.stream.recheck();
    expect(summary(env.transport.take())).toEqual(['REMOVE 1 cause=7']);
  });

  it('re-checks every target when a stream that fell behind catches up', async () => {
    const env = guarded();
    await env.commit(set('c/a', { n: int(0) }));
    env.stream.addTarget(docTarget(1, 'c/a'));
    env.stream.addTarget(collectionQuery(2, 'd'));
    env.stream.addTarget(collectionQuery(3, 'e'));
    env.transport.take();
    env.transport.buffered = CONGESTED;
    // More distinct changes than the buffer holds: the stream stops following commits until it drains.
    for (let n = 1; n <= 5; n++) await env.commit(set(`d/${n}`, { n: int(n) }));
    await env.commit(set('c/a', { hidden: str('y') }));
    // No commit reached query target 3, but the catch-up re-checks it as well.
    env.denyQueries();
    env.transport.buffered = 0;
    await vi.waitFor(() => expect(env.stream.settled).toBe(true));
    const sent = env.transport.take();
    expect(summary(sent).filter((s) => s.includes('c/a') || s.startsWith('REMOVE'))).toEqual([
      'REMOVE 1 cause=7',
      'REMOVE 2 cause=7',
      'REMOVE 3 cause=7',
    ]);
    expect(JSON.stringify(sent)).not.toContain('hidden');
  });
});
