import { MAX_FRAME_LENGTH } from '@kindling/core';
import { afterEach, describe, expect, it } from 'vitest';
import { FirestoreError } from '../api/error.js';
import { Connection } from './connection.js';
import { type FakeServer, installFakeServer, NO_ANSWER } from './test-support.js';

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
