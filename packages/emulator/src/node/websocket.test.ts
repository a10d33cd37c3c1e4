import { compareTimestamps, MAX_FRAME_LENGTH, PROTOCOL_VERSION, type ServerFrame } from '@kindling/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningEmulator, startEmulator } from './start.js';
import { connectClient } from './test-support.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, env: {} });
});
afterAll(() => emu.stop());

const DB = 'projects/demo-ws/databases/(default)';
const hello = { type: 'hello', version: PROTOCOL_VERSION, database: DB };

const connect = (path = '/kindling') => connectClient(`ws://127.0.0.1:${emu.port}${path}`);

describe('WebSocket endpoint', () => {
  it('handshakes, answers requests by id and numbers frames', async () => {
    const c = await connect();
    c.send(hello);
    expect(await c.next()).toEqual({
      type: 'welcome',
      version: PROTOCOL_VERSION,
      instanceId: emu.engine.instanceId,
      heartbeatIntervalMs: 30_000,
      seq: 1,
    });
    c.send({
      type: 'request',
      id: 1,
      method: 'commit',
      body: { writes: [{ update: { name: `${DB}/documents/a/b`, fields: { x: { integerValue: '1' } } } }] },
    });
    const commit = await c.next();
    expect(commit).toMatchObject({
      type: 'response',
      id: 1,
      seq: 2,
      body: { commitTime: expect.any(String) },
    });
    c.send({ type: 'request', id: 2, method: 'batchGet', body: { documents: [`${DB}/documents/a/b`] } });
    expect(await c.next()).toMatchObject({
      type: 'response',
      id: 2,
      seq: 3,
      body: [{ found: { name: `${DB}/documents/a/b`, fields: { x: { integerValue: '1' } } } }],
    });
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong', seq: 4 });
    c.ws.send(Buffer.from('{"type":"ping"}'), { binary: true });
    expect(await c.next()).toEqual({ type: 'pong', seq: 5 });
    c.ws.close();
  });

  it('answers each kind of bad input with an INVALID_ARGUMENT error frame and stays open', async () => {
    const c = await connect();
    const expectError = async (message: string | RegExp, id?: number) => {
      const frame = await c.next();
      expect(frame).toMatchObject({ type: 'error', error: { code: 3, status: 'INVALID_ARGUMENT' } });
      if (frame.type === 'error') {
        expect(frame.id).toBe(id);
        expect(frame.error.message).toMatch(message);
      }
    };
    c.send({ type: 'request', id: 1, method: 'commit', body: {} });
    await expectError('Send a hello frame before requests.', 1);
    c.send('{oops');
    await expectError(/^Frame is not valid JSON/);
    c.send({ type: 'dance' });
    await expectError('Unknown frame type "dance".');
    c.send(`"${'x'.repeat(MAX_FRAME_LENGTH)}"`);
    await expectError(/exceeds the limit/);
    c.send(hello);
    expect((await c.next()).type).toBe('welcome');
    c.send({
      type: 'request',
      id: 2,
      method: 'commit',
      body: { database: 'projects/x/databases/(default)' },
    });
    await expectError(/but this connection is for/, 2);
    c.send({ type: 'ping' });
    expect((await c.next()).type).toBe('pong');
    c.ws.close();
  });

  it('keeps other connections undisturbed by a bad one', async () => {
    const good = await connect();
    const bad = await connect();
    good.send(hello);
    await good.next();
    bad.send('nonsense');
    bad.send({ ...hello, version: 0 });
    await bad.next();
    expect((await bad.next()).type).toBe('error');
    expect((await bad.closed).code).toBe(1008);
    good.send({ type: 'request', id: 9, method: 'beginTransaction', body: {} });
    expect(await good.next()).toMatchObject({ type: 'response', id: 9, seq: 2 });
    good.ws.close();
  });

  it('closes a connection sending more than the payload limit without harming the server', async () => {
    const c = await connect();
    c.ws.send(Buffer.alloc(3 * MAX_FRAME_LENGTH + 1, 0x20));
    expect((await c.closed).code).toBe(1009);
    expect(await (await fetch(`${emu.url}/`)).text()).toBe('Ok');
  });

  it('refuses upgrades on other paths', async () => {
    await expect(connect('/elsewhere')).rejects.toThrow(/404/);
  });
});

describe('listening over a socket', () => {
  const ROOT = `${DB}/documents`;
  const rooms = { parent: ROOT, structuredQuery: { from: [{ collectionId: 'rooms' }] } };
  const listenResponse = (frame: ServerFrame) => (frame.type === 'listen' ? frame.response : undefined);
  const isMarker = (frame: ServerFrame) =>
    listenResponse(frame)?.targetChange?.targetChangeType === 'NO_CHANGE' &&
    !listenResponse(frame)?.targetChange?.targetIds?.length;
  const write = (path: string, n: number) => ({
    update: { name: `${ROOT}/${path}`, fields: { n: { integerValue: String(n) } } },
  });

  it('adds a target, delivers commits from another connection in order, and removes it', async () => {
    const listener = await connect();
    const writer = await connect();
    listener.send(hello);
    writer.send(hello);
    await listener.next();
    await writer.next();
    writer.send({ type: 'request', id: 1, method: 'commit', body: { writes: [write('rooms/a', 1)] } });
    await writer.next();

    listener.send({ type: 'listen', addTarget: { targetId: 1, query: rooms } });
    const initial: ServerFrame[] = [];
    for (let f = await listener.next(); ; f = await listener.next()) {
      initial.push(f);
      if (isMarker(f)) break;
    }
    expect(initial.map((f) => listenResponse(f))).toEqual([
      { targetChange: { targetChangeType: 'ADD', targetIds: [1] } },
      { documentChange: { document: expect.objectContaining({ name: `${ROOT}/rooms/a` }), targetIds: [1] } },
      { targetChange: expect.objectContaining({ targetChangeType: 'CURRENT', targetIds: [1] }) },
      {
        targetChange: {
          targetChangeType: 'NO_CHANGE',
          readTime: expect.any(String),
          resumeToken: expect.any(String),
        },
      },
    ]);

    for (let i = 2; i <= 6; i++) {
      writer.send({
        type: 'request',
        id: i,
        method: 'commit',
        body: { writes: [write('rooms/a', i), write('elsewhere/x', i)] },
      });
    }
    const values: string[] = [];
    let lastReadTime = '';
    while (values.length < 5) {
      const f = await listener.next();
      const change = listenResponse(f)?.documentChange;
      if (change) {
        expect(change.document.name).toBe(`${ROOT}/rooms/a`);
        values.push((change.document.fields!.n as { integerValue: string }).integerValue);
      }
      const readTime = listenResponse(f)?.targetChange?.readTime;
      if (isMarker(f) && readTime) {
        expect(lastReadTime === '' || compareTimestamps(readTime, lastReadTime) >= 0).toBe(true);
        lastReadTime = readTime;
      }
    }
    expect(values).toEqual(['2', '3', '4', '5', '6']);
    expect(isMarker(await listener.next())).toBe(true);

    listener.send({ type: 'listen', removeTarget: 1 });
    listener.send({ type: 'ping' });
    expect(listenResponse(await listener.next())).toEqual({
      targetChange: { targetChangeType: 'REMOVE', targetIds: [1] },
    });
    expect((await listener.next()).type).toBe('pong');
    expect(listener.received.map((f) => f.seq)).toEqual(listener.received.map((_, i) => i + 1));
    listener.ws.close();
    writer.ws.close();
  });

  it('frees the targets of a connection when it closes', async () => {
    const listener = await connect();
    listener.send(hello);
    await listener.next();
    const streams = emu.engine.listen.streamCount;
    listener.send({ type: 'listen', addTarget: { targetId: 1, query: rooms } });
    await listener.nextWhere(isMarker);
    expect(emu.engine.listen.streamCount).toBe(streams + 1);
    listener.ws.terminate();
    await listener.closed;
    await vi.waitFor(() => expect(emu.engine.listen.streamCount).toBe(streams), { timeout: 10_000 });
  });
});
