import { MAX_FRAME_LENGTH, PROTOCOL_VERSION, type ServerFrame } from '@kindling/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from './engine.js';
import type { Session } from './session.js';
import { DB, docName, int, ROOT, set } from './test-support.js';

function open(engine = new Engine()) {
  const frames: ServerFrame[] = [];
  const closes: [number, string][] = [];
  const session: Session = engine.openSession((f) => frames.push(f), {
    close: (code, reason) => closes.push([code, reason]),
  });
  const send = (frame: unknown) => session.receive(JSON.stringify(frame));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { engine, frames, closes, session, send, settle };
}

const hello = { type: 'hello', version: PROTOCOL_VERSION, database: DB };
const errorOf = (frame: ServerFrame | undefined) => (frame?.type === 'error' ? frame : undefined);

describe('session', () => {
  afterEach(() => vi.useRealTimers());

  it('welcomes a hello and numbers every server frame from 1', async () => {
    const c = open();
    c.send(hello);
    c.send({ type: 'ping' });
    c.send({ type: 'request', id: 7, method: 'commit', body: { writes: [set('a/b', {})] } });
    await c.settle();
    expect(c.frames[0]).toEqual({
      type: 'welcome',
      version: PROTOCOL_VERSION,
      instanceId: c.engine.instanceId,
      heartbeatIntervalMs: 30_000,
      seq: 1,
    });
    expect(c.frames[1]).toEqual({ type: 'pong', seq: 2 });
    expect(c.frames[2]).toMatchObject({ type: 'response', id: 7, seq: 3, body: { writeResults: [{}] } });
    c.session.close();
  });

  it('answers requests with their id, errors included, and stays usable', async () => {
    const c = open();
    c.send(hello);
    c.send({
      type: 'request',
      id: 1,
      method: 'runQuery',
      body: { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }] } },
    });
    c.send({ type: 'request', id: 2, method: 'batchGet', body: { documents: ['bad'] } });
    c.send({ type: 'request', id: 3, method: 'beginTransaction', body: {} });
    await c.settle();
    expect(c.frames[1]).toEqual({
      type: 'response',
      id: 1,
      seq: 2,
      body: [{ readTime: expect.any(String), done: true }],
    });
    expect(c.frames[2]).toMatchObject({
      type: 'error',
      id: 2,
      seq: 3,
      error: { code: 3, status: 'INVALID_ARGUMENT' },
    });
    expect(c.frames[3]).toMatchObject({ type: 'response', id: 3, body: { transaction: expect.any(String) } });
    c.session.close();
  });

  it('refuses bad input with INVALID_ARGUMENT error frames and keeps the connection', async () => {
    const c = open();
    c.send({ type: 'request', id: 1, method: 'commit', body: {} });
    c.session.receive('{not json');
    c.send({ type: 'shout' });
    c.send(['array']);
    c.session.receive('x'.repeat(MAX_FRAME_LENGTH + 1));
    c.send(hello);
    c.send({ type: 'request', id: 'x', method: 'commit', body: {} });
    c.send({
      type: 'request',
      id: 2,
      method: 'commit',
      body: { database: 'projects/other/databases/(default)' },
    });
    c.send({
      type: 'request',
      id: 3,
      method: 'runQuery',
      body: { parent: 'projects/other/databases/(default)/documents' },
    });
    c.send({ type: 'request', id: 4, method: 'fly', body: {} });
    c.send({ type: 'request', id: 5, method: 'commit' });
    c.send(hello);
    await c.settle();
    const errors = c.frames.filter((f) => f.type === 'error').map((f) => errorOf(f)!);
    expect(errors.map((e) => [e.id, e.error.status, e.error.message])).toEqual([
      [1, 'INVALID_ARGUMENT', 'Send a hello frame before requests.'],
      [undefined, 'INVALID_ARGUMENT', expect.stringMatching(/^Frame is not valid JSON: /)],
      [undefined, 'INVALID_ARGUMENT', 'Unknown frame type "shout".'],
      [undefined, 'INVALID_ARGUMENT', 'A frame must be a JSON object with a string "type".'],
      [
        undefined,
        'INVALID_ARGUMENT',
        `Frame of ${MAX_FRAME_LENGTH + 1} characters exceeds the limit of ${MAX_FRAME_LENGTH}.`,
      ],
      [undefined, 'INVALID_ARGUMENT', 'A request needs an "id" that is a non-negative integer.'],
      [
        2,
        'INVALID_ARGUMENT',
        `Request is for database "projects/other/databases/(default)" but this connection is for "${DB}".`,
      ],
      [
        3,
        'INVALID_ARGUMENT',
        `Request is for database "projects/other/databases/(default)" but this connection is for "${DB}".`,
      ],
      [4, 'UNIMPLEMENTED', 'Unknown method "fly".'],
      [5, 'INVALID_ARGUMENT', 'A request needs a "body" object.'],
      [undefined, 'INVALID_ARGUMENT', 'This connection has already said hello.'],
    ]);
    expect(c.frames.map((f) => f.seq)).toEqual(c.frames.map((_, i) => i + 1));
    expect(c.closes).toEqual([]);
    c.session.close();
  });

  it('refuses a hello with another protocol version or a bad database, and closes', () => {
    const wrongVersion = open();
    wrongVersion.send({ ...hello, version: 99 });
    expect(errorOf(wrongVersion.frames[0])?.error.message).toBe(
      'Unsupported protocol version 99; this server speaks 1.',
    );
    expect(wrongVersion.closes).toEqual([[1008, 'Refused hello.']]);
    const badDatabase = open();
    badDatabase.send({ ...hello, database: 'projects/p' });
    expect(errorOf(badDatabase.frames[0])?.error.status).toBe('INVALID_ARGUMENT');
    expect(badDatabase.closes).toHaveLength(1);
    badDatabase.send({ type: 'ping' });
    expect(badDatabase.frames).toHaveLength(1);
  });

  it('accepts an auth frame silently and refuses a malformed one', () => {
    const c = open();
    c.send(hello);
    c.send({ type: 'auth', token: 'owner' });
    c.send({ type: 'auth', token: 5 });
    expect(c.frames.map((f) => f.type)).toEqual(['welcome', 'error']);
    c.session.close();
  });

  it('pings every heartbeat interval after the welcome, busy or not', () => {
    vi.useFakeTimers();
    const c = open(new Engine({ heartbeatIntervalMs: 1000 }));
    vi.advanceTimersByTime(2500);
    expect(c.frames).toEqual([]);
    c.send(hello);
    vi.advanceTimersByTime(1000);
    c.send({ type: 'ping' });
    vi.advanceTimersByTime(1000);
    expect(c.frames.map((f) => [f.type, f.seq])).toEqual([
      ['welcome', 1],
      ['ping', 2],
      ['pong', 3],
      ['ping', 4],
    ]);
    c.session.close();
    vi.advanceTimersByTime(5000);
    expect(c.frames).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closes a connection silent longer than the connection timeout; any frame counts as alive', () => {
    vi.useFakeTimers();
    const c = open(new Engine({ heartbeatIntervalMs: 1000, connectionTimeoutMs: 3000 }));
    c.send(hello);
    vi.advanceTimersByTime(2900);
    c.send({ type: 'pong' });
    vi.advanceTimersByTime(2900);
    c.session.receive('not even json');
    vi.advanceTimersByTime(2900);
    expect(c.closes).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(c.closes).toEqual([[1001, 'No frame for 3000 ms.']]);
    expect(c.engine.sessions.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    const pings = c.frames.filter((f) => f.type === 'ping').length;
    vi.advanceTimersByTime(5000);
    expect(c.frames.filter((f) => f.type === 'ping')).toHaveLength(pings);
  });

  it('closes a connection that never says hello after the timeout', () => {
    vi.useFakeTimers();
    const c = open(new Engine({ connectionTimeoutMs: 1000 }));
    vi.advanceTimersByTime(1001);
    expect(c.closes).toEqual([[1001, 'No frame for 1000 ms.']]);
  });

  it('sends no pings and never times out with both set to 0', () => {
    vi.useFakeTimers();
    const c = open(new Engine({ heartbeatIntervalMs: 0, connectionTimeoutMs: 0, cleanupIntervalMs: 0 }));
    c.send(hello);
    expect(c.frames[0]).toMatchObject({ type: 'welcome', heartbeatIntervalMs: 0 });
    expect(vi.getTimerCount()).toBe(0);
    c.session.close();
  });

  it('registers sessions with the engine and sweeps those whose transport is gone', () => {
    vi.useFakeTimers();
    const engine = new Engine({ cleanupIntervalMs: 1000, connectionTimeoutMs: 0, heartbeatIntervalMs: 0 });
    let alive = true;
    const closes: [number, string][] = [];
    const dying = engine.openSession(() => {}, { connected: () => alive, close: (...a) => closes.push(a) });
    const healthy = open(engine);
    dying.receive(JSON.stringify(hello));
    dying.receive(
      JSON.stringify({
        type: 'listen',
        addTarget: { targetId: 1, documents: { documents: [docName('a/b')] } },
      }),
    );
    healthy.send(hello);
    expect(engine.sessions.size).toBe(2);
    expect(engine.listen.streamCount).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(engine.sessions.size).toBe(2);
    alive = false;
    vi.advanceTimersByTime(1000);
    expect(engine.sessions.size).toBe(1);
    expect(engine.listen.streamCount).toBe(0);
    expect(closes).toEqual([[1001, 'Connection lost.']]);
    healthy.session.close();
    expect(engine.sessions.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sweeps sessions silent past the connection timeout', () => {
    const engine = new Engine({ connectionTimeoutMs: 60_000, cleanupIntervalMs: 0 });
    const quiet = open(engine);
    const alsoQuiet = open(engine);
    quiet.send(hello);
    alsoQuiet.send(hello);
    expect(engine.sessions.sweep(Date.now() + 30_000)).toBe(0);
    expect(engine.sessions.sweep(Date.now() + 61_000)).toBe(2);
    expect(quiet.closes).toEqual([[1001, 'Connection timed out.']]);
    expect(engine.sessions.size).toBe(0);
    quiet.send({ type: 'ping' });
    expect(quiet.frames.map((f) => f.type)).toEqual(['welcome']);
  });
});

describe('session listen frames', () => {
  const docs = (...paths: string[]) => ({ documents: paths.map((p) => docName(p)) });
  const responses = (frames: ServerFrame[]) =>
    frames.flatMap((f) => (f.type === 'listen' ? [f.response] : []));

  it('refuses malformed listen frames with INVALID_ARGUMENT and keeps the connection', async () => {
    const c = open();
    c.send({ type: 'listen', addTarget: { targetId: 1, documents: docs('a/b') } });
    c.send(hello);
    c.send({ type: 'listen' });
    c.send({ type: 'listen', addTarget: { targetId: 1, documents: docs('a/b') }, removeTarget: 1 });
    c.send({ type: 'listen', addTarget: 'a/b' });
    c.send({ type: 'listen', addTarget: { documents: docs('a/b') } });
    c.send({ type: 'listen', addTarget: { targetId: 1.5, documents: docs('a/b') } });
    c.send({ type: 'listen', removeTarget: '1' });
    c.send({ type: 'listen', database: 'projects/other/databases/(default)', removeTarget: 1 });
    await c.settle();
    const errors = c.frames.filter((f) => f.type === 'error').map((f) => errorOf(f)!);
    expect(errors.map((e) => [e.id, e.error.status, e.error.message])).toEqual([
      [undefined, 'INVALID_ARGUMENT', 'Send a hello frame before listen frames.'],
      [undefined, 'INVALID_ARGUMENT', 'A listen frame needs exactly one of "addTarget" and "removeTarget".'],
      [undefined, 'INVALID_ARGUMENT', 'A listen frame needs exactly one of "addTarget" and "removeTarget".'],
      [undefined, 'INVALID_ARGUMENT', '"addTarget" must be a Target object with an integer "targetId".'],
      [undefined, 'INVALID_ARGUMENT', '"addTarget" must be a Target object with an integer "targetId".'],
      [undefined, 'INVALID_ARGUMENT', '"addTarget" must be a Target object with an integer "targetId".'],
      [undefined, 'INVALID_ARGUMENT', '"removeTarget" must be an integer target id.'],
      [
        undefined,
        'INVALID_ARGUMENT',
        `Request is for database "projects/other/databases/(default)" but this connection is for "${DB}".`,
      ],
    ]);
    expect(c.frames.filter((f) => f.type === 'listen')).toEqual([]);
    expect(c.closes).toEqual([]);
    c.session.close();
  });

  it('adds, updates and removes targets, numbering listen frames with every other frame', async () => {
    const c = open();
    await c.engine.call('commit', { database: DB, writes: [set('rooms/r1', { n: int(1) })] });
    c.send(hello);
    c.send({ type: 'listen', addTarget: { targetId: 2, documents: docs('rooms/r1', 'rooms/r2') } });
    c.send({ type: 'ping' });
    await c.settle();
    const added = responses(c.frames);
    expect(added[0]).toEqual({ targetChange: { targetChangeType: 'ADD', targetIds: [2] } });
    expect(added[1]).toMatchObject({
      documentChange: { document: { name: docName('rooms/r1') }, targetIds: [2] },
    });
    expect(added[2]).toMatchObject({ targetChange: { targetChangeType: 'CURRENT', targetIds: [2] } });
    expect(added.at(-1)).toMatchObject({
      targetChange: { targetChangeType: 'NO_CHANGE', readTime: expect.any(String) },
    });
    expect(added.at(-1)!.targetChange!.targetIds ?? []).toEqual([]);
    expect(c.frames.at(-1)).toMatchObject({ type: 'pong' });

    c.send({
      type: 'request',
      id: 5,
      method: 'commit',
      body: { writes: [set('rooms/r2', { n: int(2) }), set('other/x', {})] },
    });
    await c.settle();
    const before = c.frames.length;
    c.send({ type: 'listen', removeTarget: 2 });
    await c.settle();
    expect(responses(c.frames.slice(before))).toEqual([
      { targetChange: { targetChangeType: 'REMOVE', targetIds: [2] } },
    ]);
    const all = responses(c.frames);
    expect(all.some((r) => r.documentChange?.document.name === docName('rooms/r2'))).toBe(true);
    expect(all.some((r) => r.documentChange?.document.name === docName('other/x'))).toBe(false);
    expect(c.frames.some((f) => f.type === 'response' && f.id === 5)).toBe(true);
    expect(c.frames.map((f) => f.seq)).toEqual(c.frames.map((_, i) => i + 1));
    c.session.close();
  });

  it("answers a connection's own commit before sending that commit's listen frames", async () => {
    const c = open();
    c.send(hello);
    c.send({ type: 'listen', addTarget: { targetId: 2, documents: docs('rooms/r1') } });
    await c.settle();
    const before = c.frames.length;
    c.send({ type: 'request', id: 9, method: 'commit', body: { writes: [set('rooms/r1', { n: int(1) })] } });
    await c.settle();
    const after = c.frames.slice(before);
    expect(after[0]).toMatchObject({ type: 'response', id: 9 });
    expect(responses(after)[0]).toMatchObject({
      documentChange: { document: { name: docName('rooms/r1'), fields: { n: int(1) } }, targetIds: [2] },
    });
    expect(c.frames.map((f) => f.seq)).toEqual(c.frames.map((_, i) => i + 1));
    c.session.close();
  });

  it('opens one stream lazily and closes it with the session', async () => {
    const c = open();
    c.send(hello);
    expect(c.engine.listen.streamCount).toBe(0);
    c.send({ type: 'listen', addTarget: { targetId: 1, documents: docs('a/b') } });
    c.send({ type: 'listen', addTarget: { targetId: 3, documents: docs('a/c') } });
    await c.settle();
    expect(c.engine.listen.streamCount).toBe(1);
    c.session.close();
    expect(c.engine.listen.streamCount).toBe(0);
    const count = c.frames.length;
    await c.engine.call('commit', { database: DB, writes: [set('a/b', {})] });
    await c.settle();
    expect(c.frames).toHaveLength(count);
  });

  it('answers the target past maxSubscriptionsPerClient with RESOURCE_EXHAUSTED', async () => {
    const c = open(new Engine({ maxSubscriptionsPerClient: 2 }));
    c.send(hello);
    for (const id of [1, 2, 3])
      c.send({ type: 'listen', addTarget: { targetId: id, documents: docs('a/b') } });
    await c.settle();
    const changes = responses(c.frames).flatMap((r) => (r.targetChange ? [r.targetChange] : []));
    expect(changes.filter((t) => t.targetChangeType === 'ADD').map((t) => t.targetIds)).toEqual([[1], [2]]);
    expect(changes.find((t) => t.targetChangeType === 'REMOVE')).toMatchObject({
      targetIds: [3],
      cause: { code: 8 },
    });
    c.session.close();
  });

  it('holds listen frames while the transport reports a full buffer', async () => {
    let buffered = 1e9;
    const engine = new Engine({ maxBufferedBytes: 1000 });
    const frames: ServerFrame[] = [];
    const session = engine.openSession((f) => frames.push(f), { bufferedAmount: () => buffered });
    session.receive(JSON.stringify(hello));
    session.receive(JSON.stringify({ type: 'listen', addTarget: { targetId: 1, documents: docs('a/b') } }));
    await new Promise((r) => setTimeout(r, 0));
    const held = responses(frames).length;
    expect(held).toBe(0);
    buffered = 0;
    await vi.waitFor(
      () => {
        const got = responses(frames);
        expect(got.length).toBeGreaterThan(held);
        expect(got.at(-1)).toMatchObject({ targetChange: { targetChangeType: 'NO_CHANGE' } });
      },
      { timeout: 10_000 },
    );
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => i + 1));
    session.close();
  });
});
