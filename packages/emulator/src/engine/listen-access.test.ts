import { PROTOCOL_VERSION, type ServerFrame, type TargetChange } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { OWNER } from './auth.js';
import { Engine } from './engine.js';
import type { AccessRequest, QueryAccessRequest, Ruleset } from './rules/index.js';
import { DB, docName, ROOT, set, str, unsignedJwt } from './test-support.js';

// Listen targets under security rules: judged when added, re-checked when the connection's token or the rules
// change, and (documents targets) when their document changes. Rules here are hand-made Rulesets.

const denial = { allowed: false, message: 'Missing or insufficient permissions.' } as const;

/** Documents of `open/` are readable by anyone, the rest by alice; a document whose `hidden` is set by no one. */
const aliceRules: Ruleset = {
  source: 'alice',
  readsTime: false,
  authorize: (r: AccessRequest) =>
    r.resource?.fields?.hidden
      ? denial
      : r.path.includes('/open/') || r.auth?.uid === 'alice'
        ? { allowed: true }
        : denial,
  authorizeQuery: (r: QueryAccessRequest) =>
    r.query.from?.[0]?.collectionId === 'open' || r.auth?.uid === 'alice' ? { allowed: true } : denial,
};
const denyAll: Ruleset = {
  source: 'deny',
  readsTime: false,
  authorize: () => denial,
  authorizeQuery: () => denial,
};

const alice = unsignedJwt({ sub: 'alice' });
const bob = unsignedJwt({ sub: 'bob' });

function connect(engine: Engine, token?: string) {
  const frames: ServerFrame[] = [];
  const session = engine.openSession((f) => frames.push(f));
  const send = (frame: unknown) => session.receive(JSON.stringify(frame));
  send({ type: 'hello', version: PROTOCOL_VERSION, database: DB, ...(token ? { token } : {}) });
  const changes = (targetId: number): TargetChange[] =>
    frames.flatMap((f) =>
      f.type === 'listen' && f.response.targetChange?.targetIds?.includes(targetId)
        ? [f.response.targetChange]
        : [],
    );
  const documents = (targetId: number) =>
    frames.flatMap((f) =>
      f.type === 'listen' && f.response.documentChange?.targetIds?.includes(targetId)
        ? [f.response.documentChange.document.name]
        : [],
    );
  const listenQuery = (targetId: number, collectionId: string) =>
    send({
      type: 'listen',
      addTarget: { targetId, query: { parent: ROOT, structuredQuery: { from: [{ collectionId }] } } },
    });
  const listenDoc = (targetId: number, path: string) =>
    send({ type: 'listen', addTarget: { targetId, documents: { documents: [docName(path)] } } });
  return { frames, session, send, changes, documents, listenQuery, listenDoc };
}

const types = (changes: TargetChange[]) => changes.map((c) => c.targetChangeType);
const denied = { targetChangeType: 'REMOVE', targetIds: [1], cause: { code: 7, message: denial.message } };

async function seeded() {
  const engine = new Engine({ heartbeatIntervalMs: 0 });
  await engine.call('commit', { database: DB, writes: [set('open/a', {}), set('mine/a', {})] }, OWNER);
  engine.setRules(aliceRules);
  return engine;
}

describe('listen targets under rules', () => {
  it('a target denied when added gets REMOVE with PERMISSION_DENIED and no ADD', async () => {
    const c = connect(await seeded(), bob);
    c.listenQuery(1, 'mine');
    c.listenQuery(2, 'open');
    expect(c.changes(1)).toEqual([denied]);
    expect(types(c.changes(2))).toEqual(['ADD', 'CURRENT']);
    expect(c.documents(2)).toEqual([docName('open/a')]);
    c.session.close();
  });

  it('an auth frame re-checks every target: one REMOVE for the denied, the others continue', async () => {
    const engine = await seeded();
    const c = connect(engine, alice);
    c.listenQuery(1, 'mine');
    c.listenQuery(2, 'open');
    expect(c.documents(1)).toEqual([docName('mine/a')]);
    c.send({ type: 'auth', token: bob });
    expect(types(c.changes(1))).toEqual(['ADD', 'CURRENT', 'REMOVE']);
    expect(c.changes(1).at(-1)).toEqual(denied);
    await engine.call('commit', { database: DB, writes: [set('open/b', {}), set('mine/b', {})] }, OWNER);
    expect(c.documents(2)).toEqual([docName('open/a'), docName('open/b')]);
    expect(c.documents(1)).toEqual([docName('mine/a')]);
    // Back to alice: nothing comes back by itself (the client re-listens if it wants).
    c.send({ type: 'auth', token: alice });
    expect(types(c.changes(1))).toEqual(['ADD', 'CURRENT', 'REMOVE']);
    c.session.close();
  });

  it('a malformed token fails what it is used for with INVALID_ARGUMENT, as over REST', async () => {
    const c = connect(await seeded(), alice);
    c.listenQuery(1, 'mine');
    c.send({ type: 'auth', token: 'garbage' });
    expect(c.changes(1).at(-1)).toEqual({ ...denied, cause: { code: 3, message: 'invalid jwt' } });
    c.listenQuery(2, 'open');
    expect(types(c.changes(2))).toEqual(['REMOVE']);
    c.send({ type: 'request', id: 5, method: 'batchGet', body: { documents: [docName('open/a')] } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(c.frames.at(-1)).toMatchObject({ type: 'error', id: 5, error: { status: 'INVALID_ARGUMENT' } });
    c.session.close();
  });

  it('a request uses the token in force when it arrived, even with an auth frame right behind it', async () => {
    const c = connect(await seeded(), alice);
    const get = (id: number) =>
      c.send({ type: 'request', id, method: 'batchGet', body: { documents: [docName('mine/a')] } });
    get(1);
    c.send({ type: 'auth', token: bob });
    get(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(c.frames.filter((f) => f.type === 'response' || f.type === 'error').map((f) => f.type)).toEqual([
      'response',
      'error',
    ]);
    c.session.close();
  });

  it('new rules re-check every session at once', async () => {
    const engine = await seeded();
    const [a, b] = [connect(engine, alice), connect(engine)];
    a.listenQuery(1, 'mine');
    b.listenQuery(2, 'open');
    engine.setRules(aliceRules);
    expect(types(a.changes(1))).toEqual(['ADD', 'CURRENT']);
    engine.setRules(denyAll);
    expect(a.changes(1).at(-1)).toEqual(denied);
    expect(b.changes(2).at(-1)).toEqual({ ...denied, targetIds: [2] });
    expect([types(a.changes(1)), types(b.changes(2))]).toEqual([
      ['ADD', 'CURRENT', 'REMOVE'],
      ['ADD', 'CURRENT', 'REMOVE'],
    ]);
    a.session.close();
    b.session.close();
  });

  it('a documents target is re-checked when its document changes, before the change is sent', async () => {
    const engine = await seeded();
    const c = connect(engine, alice);
    c.listenDoc(1, 'mine/a');
    c.listenDoc(2, 'open/a');
    await engine.call(
      'commit',
      { database: DB, writes: [set('mine/a', { hidden: str('yes') }), set('open/a', { v: str('1') })] },
      OWNER,
    );
    expect(c.changes(1).at(-1)).toEqual(denied);
    expect(c.documents(1)).toEqual([docName('mine/a')]);
    expect(c.frames.some((f) => f.type === 'listen' && JSON.stringify(f).includes('"hidden"'))).toBe(false);
    expect(c.documents(2)).toEqual([docName('open/a'), docName('open/a')]);
    c.session.close();
  });

  it('without rules, tokens change nothing', async () => {
    const engine = new Engine({ heartbeatIntervalMs: 0 });
    const c = connect(engine);
    c.listenQuery(1, 'mine');
    c.send({ type: 'auth', token: bob });
    c.send({ type: 'auth', token: null });
    expect(types(c.changes(1))).toEqual(['ADD', 'CURRENT']);
    c.session.close();
  });
});
