import { MAX_FRAME_LENGTH, PROTOCOL_VERSION, type ServerFrame } from '@kindling/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from './engine.js';
import type { Session } from './session.js';
import { DB, docName, ROOT, set } from './test-support.js';

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
    c.send({ type: 'listen', addTarget: { targetId: 1, documents: { documents: [docName('a/b')] } } });
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
      [undefined, 'UNIMPLEMENTED', 'Listen is not implemented by this server yet.'],
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

  it('closes a connection that stays silent for three heartbeat intervals', () => {
    vi.useFakeTimers();
    const c = open(new Engine({ heartbeatIntervalMs: 1000 }));
    c.send(hello);
    vi.advanceTimersByTime(2500);
    c.send({ type: 'ping' });
    vi.advanceTimersByTime(3000);
    expect(c.closes).toEqual([]);
    vi.advanceTimersByTime(1100);
    expect(c.closes).toEqual([[1001, 'No frame within 3 heartbeat intervals.']]);
  });
});
