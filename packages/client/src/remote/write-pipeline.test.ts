import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from './connection.js';
import { type FakeServer, installFakeServer, NO_ANSWER, until } from './test-support.js';
import { WritePipeline } from './write-pipeline.js';

const database = 'projects/p/databases/(default)';
const url = 'ws://127.0.0.1:1/kindling';
const write = (id: string) => ({ delete: `${database}/documents/c/${id}` });
const sentIds = (server: FakeServer) =>
  server.requests.filter((r) => r.method === 'commit').map((r) => r.body.writes[0].delete.split('/').pop());

describe('WritePipeline', () => {
  let server: FakeServer;
  let connection: Connection;

  afterEach(() => {
    connection.close();
    server.uninstall();
  });

  function setUp(answer?: Parameters<typeof installFakeServer>[0]) {
    server = installFakeServer(answer);
    connection = new Connection({ url, database, backoff: { initialDelayMs: 1, maxDelayMs: 2 } });
    return new WritePipeline(connection, database);
  }

  it('commits one at a time in call order and resolves each with its response', async () => {
    const inFlight: number[] = [];
    const pipeline = setUp(({ body }) => {
      inFlight.push(server.requests.length);
      return { writeResults: [{}], commitTime: body.writes[0].delete.slice(-1) };
    });
    const answers = await Promise.all(['a', 'b', 'c'].map((id) => pipeline.commit([write(id)])));
    expect(answers.map((a) => a.commitTime)).toEqual(['a', 'b', 'c']);
    expect(sentIds(server)).toEqual(['a', 'b', 'c']);
    expect(inFlight).toEqual([1, 2, 3]);
  });

  it('rejects only the commit the server refused', async () => {
    const pipeline = setUp(({ body }) =>
      body.writes[0].delete.endsWith('b')
        ? { error: { code: 5, status: 'NOT_FOUND', message: 'no b' } }
        : { writeResults: [{}], commitTime: 't' },
    );
    const results = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        pipeline.commit([write(id)]).then(
          () => 'ok',
          (e) => e.code,
        ),
      ),
    );
    expect(results).toEqual(['ok', 'not-found', 'ok']);
  });

  it('queues while the network is disabled and sends in order after enableNetwork', async () => {
    const pipeline = setUp();
    connection.disableNetwork();
    const done: string[] = [];
    const all = ['a', 'b', 'c'].map((id) => pipeline.commit([write(id)]).then(() => done.push(id)));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toEqual([]);
    expect(server.sockets).toHaveLength(0);
    connection.enableNetwork();
    await Promise.all(all);
    expect(done).toEqual(['a', 'b', 'c']);
    expect(sentIds(server)).toEqual(['a', 'b', 'c']);
  });

  it('re-sends a commit that was in flight when the socket dropped, then the rest in order', async () => {
    let dropped = false;
    const pipeline = setUp(({ body }) => {
      if (!dropped && body.writes[0].delete.endsWith('b')) {
        dropped = true;
        setTimeout(() => server.sockets[0].drop());
        return NO_ANSWER;
      }
      return { writeResults: [{}], commitTime: 't' };
    });
    await Promise.all(['a', 'b', 'c'].map((id) => pipeline.commit([write(id)])));
    expect(sentIds(server)).toEqual(['a', 'b', 'b', 'c']);
    expect(server.sockets).toHaveLength(2);
  });

  it('waits through refused connections, and idle() resolves once all are settled', async () => {
    const pipeline = setUp();
    server.refuse = 2;
    const first = pipeline.commit([write('a')]);
    const idle = pipeline.idle();
    await idle;
    await first;
    expect(pipeline.size).toBe(0);
    expect(server.sockets).toHaveLength(3);
    await pipeline.idle();
  });

  it('rejects queued commits when the connection is terminated', async () => {
    const pipeline = setUp();
    connection.disableNetwork();
    const pending = pipeline.commit([write('a')]).catch((e) => e.code);
    await until(() => pipeline.size === 1);
    connection.close();
    expect(await pending).toBe('failed-precondition');
    expect(await pipeline.commit([write('b')]).catch((e) => e.code)).toBe('failed-precondition');
  });
});
