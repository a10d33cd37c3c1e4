import { PROTOCOL_VERSION, type ServerFrame } from '@kindling/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from './start.js';
import { connectClient, type TestClient } from './test-support.js';

const DB = 'projects/demo-rt/databases/(default)';
const hello = { type: 'hello', version: PROTOCOL_VERSION, database: DB };

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.stop()));
});

async function start(options: EmulatorOptions = {}) {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', env: {}, ...options });
  running.push(emu);
  return emu;
}

const endpoint = (emu: RunningEmulator) => `ws://127.0.0.1:${emu.port}/kindling`;

describe('heartbeats over a socket', () => {
  it('pings every interval with consecutive seq and keeps a client that answers', async () => {
    const emu = await start({ heartbeatInterval: '50ms', connectionTimeout: '1s' });
    const c = await connectClient(endpoint(emu), { answerPings: true });
    c.send(hello);
    expect(await c.next()).toMatchObject({ type: 'welcome', heartbeatIntervalMs: 50, seq: 1 });
    // Past two connection timeouts, still open: the pongs count as life.
    for (let seq = 2; seq < 27; seq++) expect(await c.next()).toEqual({ type: 'ping', seq });
    c.send({ type: 'ping' });
    expect(await c.nextWhere((f) => f.type === 'pong')).toMatchObject({ type: 'pong' });
    expect(c.received.map((f) => f.seq)).toEqual(c.received.map((_, i) => i + 1));
    c.ws.close();
  });

  it('closes a silent connection with 1001', async () => {
    const emu = await start({ heartbeatInterval: 0, connectionTimeout: 100 });
    const c = await connectClient(endpoint(emu));
    c.send(hello);
    expect((await c.next()).type).toBe('welcome');
    expect(await c.closed).toEqual({ code: 1001, reason: 'No frame for 100 ms.' });
    expect(emu.engine.sessions.size).toBe(0);
  });

  it('releases a session when its client disconnects', async () => {
    const emu = await start();
    const c = await connectClient(endpoint(emu));
    c.send(hello);
    await c.next();
    expect(emu.engine.sessions.size).toBe(1);
    c.ws.terminate();
    await c.closed;
    await until(() => emu.engine.sessions.size === 0);
  });
});

describe('a slow reader', () => {
  it('ends with the right state and consecutive seq after its socket stalls', async () => {
    const emu = await start({ maxBufferedBytes: '64KiB', eventBufferSize: 20, heartbeatInterval: 0 });
    const root = `${DB}/documents`;
    const listener = await connectClient(endpoint(emu));
    const writer = await connectClient(endpoint(emu));
    listener.send(hello);
    writer.send(hello);
    await listener.next();
    await writer.next();
    listener.send({
      type: 'listen',
      addTarget: {
        targetId: 1,
        query: { parent: root, structuredQuery: { from: [{ collectionId: 'big' }] } },
      },
    });
    await listener.nextWhere(
      (f) => f.type === 'listen' && f.response.targetChange?.targetChangeType === 'NO_CHANGE',
    );

    // Stop reading: the server's socket buffer fills and bufferedAmount climbs past the bound.
    const socket = (listener.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const padding = 'x'.repeat(100_000);
    const rounds = 10;
    const ids = Array.from({ length: 20 }, (_, i) => `d${i}`);
    for (let round = 0; round < rounds; round++) {
      writer.send({
        type: 'request',
        id: round,
        method: 'commit',
        body: {
          writes: ids.map((id) => ({
            update: {
              name: `${root}/big/${id}`,
              fields: { round: { integerValue: String(round) }, padding: { stringValue: padding } },
            },
          })),
        },
      });
      await writer.nextWhere((f) => f.type === 'response' && f.id === round);
    }
    socket.resume();

    const state = new Map<string, string>();
    const done = () => ids.every((id) => state.get(`${root}/big/${id}`) === String(rounds - 1));
    while (!done()) {
      const frame = await listener.next();
      if (frame.type !== 'listen') continue;
      const { documentChange, documentDelete, documentRemove } = frame.response;
      if (documentChange?.targetIds?.includes(1)) {
        const round = documentChange.document.fields!.round as { integerValue: string };
        state.set(documentChange.document.name, round.integerValue);
      }
      const gone = documentDelete?.document ?? documentRemove?.document;
      if (gone) state.delete(gone);
    }
    expect(state.size).toBe(ids.length);
    // 20 MB could not all sit in socket buffers: the server coalesced or resynced instead of sending each write.
    const changes = listener.received.filter((f) => f.type === 'listen' && f.response.documentChange);
    expect(changes.length).toBeLessThan(rounds * ids.length);
    expect(listener.received.map((f) => f.seq)).toEqual(listener.received.map((_, i) => i + 1));
    listener.ws.close();
    writer.ws.close();
  });
});

describe('configuration', () => {
  it('reads the environment unless an option says otherwise', async () => {
    const emu = await start({
      env: { HEARTBEAT_INTERVAL: '2m', EVENT_BUFFER_SIZE: '9', MAX_SUBSCRIPTIONS_PER_CLIENT: '3' },
      maxSubscriptionsPerClient: '4',
    });
    expect(emu.engine.settings).toMatchObject({
      heartbeatIntervalMs: 120_000,
      eventBufferSize: 9,
      maxSubscriptionsPerClient: 4,
      connectionTimeoutMs: 90_000,
    });
    const c = await connectClient(endpoint(emu));
    c.send(hello);
    expect(await c.next()).toMatchObject({ type: 'welcome', heartbeatIntervalMs: 120_000 });
    c.ws.close();
  });

  it('takes engineOptions in milliseconds, and refuses realtime options beside a ready engine', async () => {
    const emu = await start({ engineOptions: { heartbeatIntervalMs: 1234, cleanupIntervalMs: 0 } });
    expect(emu.engine.settings).toMatchObject({ heartbeatIntervalMs: 1234, cleanupIntervalMs: 0 });
    await expect(startEmulator({ port: 0, engine: emu.engine, heartbeatInterval: '1s' })).rejects.toThrow(
      'Realtime options configure a new engine; give them to new Engine() instead.',
    );
  });

  it('refuses a bad value naming it', async () => {
    await expect(startEmulator({ port: 0, env: { CLEANUP_INTERVAL: 'soon' } })).rejects.toThrow(
      'CLEANUP_INTERVAL must be a duration such as 500ms, 30s, 2m or 1h (a plain number is milliseconds), got "soon"',
    );
    await expect(startEmulator({ port: 0, env: {}, eventBufferSize: -1 })).rejects.toThrow(
      'eventBufferSize must be a positive integer, got -1',
    );
  });
});

describe('stop and restart', () => {
  it('closes every socket with 1001 and serves again on the same port', async () => {
    const first = await startEmulator({ port: 0, host: '127.0.0.1', env: {}, heartbeatInterval: '20ms' });
    const port = first.port;
    const a = await connectClient(endpoint(first));
    const b = await connectClient(endpoint(first));
    a.send(hello);
    await a.next();
    await first.stop();
    expect(await a.closed).toEqual({ code: 1001, reason: 'Server stopping.' });
    expect(await b.closed).toEqual({ code: 1001, reason: 'Server stopping.' });
    expect(first.engine.sessions.size).toBe(0);
    const pings = a.received.length;

    const second = await start({ port, heartbeatInterval: '20ms' });
    expect(second.port).toBe(port);
    expect(second.engine.instanceId).not.toBe(first.engine.instanceId);
    const c = await connectClient(endpoint(second));
    c.send(hello);
    expect(await c.next()).toMatchObject({ type: 'welcome', instanceId: second.engine.instanceId, seq: 1 });
    expect(a.received).toHaveLength(pings);
    c.ws.close();
  });
});

describe('resuming across a restart', () => {
  it('answers a token of the previous run with RESET and the full result', async () => {
    const root = `${DB}/documents`;
    const target = {
      targetId: 1,
      query: { parent: root, structuredQuery: { from: [{ collectionId: 'rooms' }] } },
    };
    const commit = { writes: [{ update: { name: `${root}/rooms/a`, fields: {} } }] };
    const isMarker = (f: ServerFrame) =>
      f.type === 'listen' &&
      f.response.targetChange?.targetChangeType === 'NO_CHANGE' &&
      !f.response.targetChange.targetIds;
    const listenUntilMarker = async (c: TestClient) => {
      const frames: ServerFrame[] = [];
      for (let f = await c.next(); ; f = await c.next()) {
        if (f.type === 'listen') frames.push(f);
        if (isMarker(f)) return frames.map((f) => (f.type === 'listen' ? f.response : undefined));
      }
    };

    const first = await startEmulator({ port: 0, host: '127.0.0.1', env: {} });
    const port = first.port;
    const a = await connectClient(endpoint(first));
    a.send(hello);
    await a.next();
    a.send({ type: 'request', id: 1, method: 'commit', body: commit });
    await a.next();
    a.send({ type: 'listen', addTarget: target });
    const initial = await listenUntilMarker(a);
    const token = initial.at(-1)!.targetChange!.resumeToken!;
    await first.stop();

    const second = await start({ port });
    const b = await connectClient(endpoint(second));
    b.send(hello);
    await b.next();
    b.send({ type: 'request', id: 1, method: 'commit', body: commit });
    await b.next();
    b.send({ type: 'listen', addTarget: { ...target, resumeToken: token } });
    const resumed = await listenUntilMarker(b);
    expect(resumed.map((r) => r?.targetChange?.targetChangeType ?? Object.keys(r ?? {})[0])).toEqual([
      'ADD',
      'RESET',
      'documentChange',
      'CURRENT',
      'NO_CHANGE',
    ]);
    b.ws.close();
  });
});

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}
