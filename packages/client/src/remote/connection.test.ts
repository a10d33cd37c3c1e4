import { MAX_FRAME_LENGTH } from '@kindling/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FirestoreError } from '../api/error.js';
import { Connection } from './connection.js';
import { type FakeServer, installFakeServer, NO_ANSWER, until } from './test-support.js';

const database = 'projects/p/databases/(default)';
const url = 'ws://127.0.0.1:1/kindling';

describe('Connection', () => {
  let server: FakeServer;

  afterEach(() => server.uninstall());

  it('opens lazily, says hello with the database and token, and numbers requests', async () => {
    server = installFakeServer();
    const connection = new Connection({ url, database, token: 'jwt' });
    expect(server.sockets).toHaveLength(0);
    const [a, b] = await Promise.all([
      connection.request('beginTransaction', { database }),
      connection.request('rollback', { database, transaction: 'x' }),
    ]);
    expect(a).toEqual({ transaction: 'dHg=' });
    expect(b).toEqual({});
    expect(server.sockets).toHaveLength(1);
    expect(server.hellos).toEqual([{ url, frame: { type: 'hello', version: 1, database, token: 'jwt' } }]);
    connection.close();
  });

  it('turns an error frame into a FirestoreError with the status code', async () => {
    server = installFakeServer(() => ({
      error: { code: 3, status: 'INVALID_ARGUMENT', message: 'bad thing' },
    }));
    const connection = new Connection({ url, database });
    const error = await connection.request('commit', { database, writes: [] }).catch((e) => e);
    expect(error).toBeInstanceOf(FirestoreError);
    expect({ name: error.name, code: error.code, message: error.message }).toEqual({
      name: 'FirebaseError',
      code: 'invalid-argument',
      message: 'bad thing',
    });
    connection.close();
  });

  it('fails outstanding requests with unavailable when the socket closes, then reconnects', async () => {
    let hold = true;
    server = installFakeServer(() => {
      if (hold) {
        hold = false;
        setTimeout(() => server.sockets[0].close(1006));
        return NO_ANSWER;
      }
      return { transaction: 'second' };
    });
    const connection = new Connection({ url, database });
    const error = await connection.request('beginTransaction', { database }).catch((e) => e);
    expect(error.code).toBe('unavailable');
    expect(await connection.request('beginTransaction', { database })).toEqual({ transaction: 'second' });
    expect(server.sockets).toHaveLength(2);
    connection.close();
  });

  it('answers pings with pongs', async () => {
    server = installFakeServer();
    const connection = new Connection({ url, database });
    await connection.request('rollback', { database, transaction: 'x' });
    const sent: string[] = [];
    const socket = server.sockets[0];
    const send = socket.send.bind(socket);
    socket.send = (data: string) => {
      sent.push(data);
      send(data);
    };
    socket.push({ type: 'ping' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toEqual(['{"type":"pong"}']);
    connection.close();
  });

  it('refuses requests after close', async () => {
    server = installFakeServer();
    const connection = new Connection({ url, database });
    connection.close();
    const error = await connection.request('rollback', { database, transaction: 'x' }).catch((e) => e);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'failed-precondition',
      message: 'The client has already been terminated.',
    });
  });

  it('refuses an oversized request without disturbing the others', async () => {
    server = installFakeServer();
    const connection = new Connection({ url, database });
    const huge = 'x'.repeat(MAX_FRAME_LENGTH);
    const [tooBig, fine] = await Promise.all([
      connection
        .request('commit', { database, writes: [{ delete: huge }] })
        .catch((e) => ({ code: e.code, message: e.message })),
      connection.request('rollback', { database, transaction: 'x' }),
    ]);
    expect(tooBig).toEqual({
      code: 'invalid-argument',
      message: `Request payload size exceeds the limit: ${MAX_FRAME_LENGTH} characters.`,
    });
    expect(fine).toEqual({});
    expect(server.requests.map((r) => r.method)).toEqual(['rollback']);
    connection.close();
  });

  it('retries the connection on the next request when connecting failed', async () => {
    server = installFakeServer();
    server.refuse = 1;
    const connection = new Connection({ url, database });
    const first = await connection.request('rollback', { database, transaction: 'x' }).catch((e) => e.code);
    expect(first).toBe('unavailable');
    expect(await connection.request('rollback', { database, transaction: 'x' })).toEqual({});
    expect(server.sockets).toHaveLength(2);
    connection.close();
  });
});

describe('Connection (persistent)', () => {
  let server: FakeServer;
  const fast = { initialDelayMs: 1, factor: 2, maxDelayMs: 4 };

  const opened: Connection[] = [];
  const open = () => {
    const connection = new Connection({ url, database, backoff: fast });
    opened.push(connection);
    return connection;
  };

  afterEach(() => {
    for (const connection of opened.splice(0)) connection.close();
    server.uninstall();
  });

  it('connects when retained, reconnects after a drop, and tells listeners', async () => {
    server = installFakeServer();
    const connection = open();
    const states: string[] = [];
    connection.state$.subscribe((s) => states.push(s));
    const heard: string[] = [];
    connection.addListener({
      onOpen: () => heard.push('open'),
      onClose: () => heard.push('close'),
      onListen: (response, seq) => heard.push(`listen ${seq} ${response.targetChange?.targetChangeType}`),
    });
    const release = connection.retain();
    await until(() => connection.state === 'online');
    server.sockets[0].listen({ targetChange: { targetChangeType: 'NO_CHANGE', readTime: 't' } });
    await until(() => heard.length === 2);
    server.sockets[0].drop();
    await until(() => server.sockets.length === 2 && connection.state === 'online');
    expect(heard).toEqual(['open', 'listen 2 NO_CHANGE', 'close', 'open']);
    expect(states).toEqual(['offline', 'connecting', 'online', 'offline', 'connecting', 'online']);
    release();
    connection.close();
  });

  it('keeps retrying with backoff while the server refuses', async () => {
    server = installFakeServer();
    server.refuse = 3;
    const connection = open();
    const release = connection.retain();
    await until(() => connection.state === 'online');
    expect(server.sockets).toHaveLength(4);
    release();
    connection.close();
  });

  it('drops the socket on a sequence gap and reconnects', async () => {
    server = installFakeServer();
    const connection = open();
    const seqs: number[] = [];
    connection.addListener({ onListen: (_, seq) => seqs.push(seq) });
    connection.retain();
    await until(() => connection.state === 'online');
    const first = server.sockets[0];
    first.skipSeq();
    first.listen({ targetChange: { targetChangeType: 'NO_CHANGE', readTime: 't' } });
    await until(() => server.sockets.length === 2 && connection.state === 'online');
    expect(seqs).toEqual([]);
    expect(first.readyState).toBe(3);
    connection.close();
  });

  it('reconnects when the server goes silent for two heartbeat intervals', async () => {
    server = installFakeServer();
    server.heartbeatIntervalMs = 5;
    const connection = open();
    connection.retain();
    await until(() => server.sockets.length >= 2);
    expect(server.sockets[0].readyState).toBe(3);
    connection.close();
  });

  it('stays offline after disableNetwork until enableNetwork', async () => {
    server = installFakeServer();
    const connection = open();
    connection.retain();
    await until(() => connection.state === 'online');
    connection.disableNetwork();
    expect(connection.state).toBe('offline');
    const error = await connection.request('rollback', { database, transaction: 'x' }).catch((e) => e);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'unavailable',
      message: 'The client is offline.',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sockets).toHaveLength(1);
    connection.enableNetwork();
    await until(() => connection.state === 'online');
    expect(server.sockets).toHaveLength(2);
    expect(connection.send({ type: 'listen', removeTarget: 1 })).toBe(true);
    connection.close();
    expect(connection.send({ type: 'listen', removeTarget: 1 })).toBe(false);
  });

  it('does not reconnect once nothing retains it', async () => {
    server = installFakeServer();
    const connection = open();
    const release = connection.retain();
    await until(() => connection.state === 'online');
    release();
    server.sockets[0].drop();
    await until(() => connection.state === 'offline');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sockets).toHaveLength(1);
    connection.close();
  });

  it('backs off between failed attempts and starts over after a healthy connection', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    try {
      server = installFakeServer();
      server.refuse = 2;
      const connection = new Connection({
        url,
        database,
        backoff: { initialDelayMs: 100, factor: 2, maxDelayMs: 1_000 },
        healthyAfterMs: 500,
      });
      opened.push(connection);
      connection.retain();
      await vi.advanceTimersByTimeAsync(5);
      expect(server.sockets).toHaveLength(2); // the first retry is immediate
      await vi.advanceTimersByTimeAsync(90);
      expect(server.sockets).toHaveLength(2); // the second waits up to 100 ms
      await vi.advanceTimersByTimeAsync(10);
      expect(connection.state).toBe('online');
      await vi.advanceTimersByTimeAsync(600);
      server.sockets[2].drop();
      await vi.advanceTimersByTimeAsync(5);
      expect(server.sockets).toHaveLength(4); // healthy for 600 ms: reconnect at once
      server.sockets[3].drop();
      await vi.advanceTimersByTimeAsync(50);
      expect(server.sockets).toHaveLength(4); // dropped at once: back off again
      await vi.advanceTimersByTimeAsync(60);
      expect(server.sockets).toHaveLength(5);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it('handles an answer before listen frames that arrived with it in the same task', async () => {
    server = installFakeServer(() => NO_ANSWER);
    const connection = new Connection({ url, database });
    const order: string[] = [];
    connection.addListener({
      onListen: (response) => order.push(`listen ${response.targetChange?.readTime}`),
    });
    const answered = connection.request('commit', { database, writes: [] }).then(() => order.push('answer'));
    await until(() => server.requests.length === 1);
    server.sockets[0].burst(
      { type: 'response', id: 1, body: { writeResults: [], commitTime: 't1' } },
      { type: 'listen', response: { targetChange: { targetChangeType: 'NO_CHANGE', readTime: 't1' } } },
      { type: 'listen', response: { targetChange: { targetChangeType: 'NO_CHANGE', readTime: 't2' } } },
    );
    await answered;
    await until(() => order.length === 3);
    expect(order).toEqual(['answer', 'listen t1', 'listen t2']);
    connection.close();
  });
});
