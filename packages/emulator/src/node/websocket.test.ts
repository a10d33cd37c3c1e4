import { MAX_FRAME_LENGTH, PROTOCOL_VERSION, type ServerFrame } from '@kindling/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningEmulator, startEmulator } from './start.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.stop());

const DB = 'projects/demo-ws/databases/(default)';
const hello = { type: 'hello', version: PROTOCOL_VERSION, database: DB };

/** A client that queues frames so a test can await them one at a time. */
async function connect(path = '/kindling') {
  const ws = new WebSocket(`ws://127.0.0.1:${emu.port}${path}`);
  const queue: ServerFrame[] = [];
  const waiters: ((f: ServerFrame) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else queue.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    closed,
    send: (frame: unknown) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: () =>
      new Promise<ServerFrame>((resolve) =>
        queue.length > 0 ? resolve(queue.shift()!) : waiters.push(resolve),
      ),
  };
}

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
