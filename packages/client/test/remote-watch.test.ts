import { compareTimestamps } from '@kindling/core';
import { type RunningEmulator, startEmulator, startTcpProxy, type TcpProxy } from '@kindling/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '../src/remote/connection.js';
import { until } from '../src/remote/test-support.js';
import type { RemoteEvent } from '../src/remote/watch-aggregator.js';
import { WatchStream } from '../src/remote/watch-stream.js';
import { WritePipeline } from '../src/remote/write-pipeline.js';

let emulator: RunningEmulator;
let counter = 0;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator?.stop();
});

function project() {
  const database = `projects/demo-remote-${process.pid}-${++counter}/databases/(default)`;
  const docName = (id: string) => `${database}/documents/c/${id}`;
  const set = (id: string, v: number) => ({
    update: { name: docName(id), fields: { v: { integerValue: String(v) } } },
  });
  const target = {
    query: { parent: `${database}/documents`, structuredQuery: { from: [{ collectionId: 'c' }] } },
  };
  return { database, docName, set, target };
}

function client(database: string, port = emulator.port) {
  const connection = new Connection({
    url: `ws://127.0.0.1:${port}/kindling`,
    database,
    backoff: { initialDelayMs: 5, maxDelayMs: 50 },
  });
  return {
    connection,
    watch: new WatchStream(connection, database),
    writes: new WritePipeline(connection, database),
  };
}

/** Every target update for `targetId`, as readable lines: "+a=1", "~a=2", "-a", plus "reset" and "current". */
function record(watch: WatchStream, targetId: number) {
  const lines: string[] = [];
  const events: RemoteEvent[] = [];
  watch.events$.subscribe((event) => {
    const update = event.targets.get(targetId);
    if (!update) return;
    events.push(event);
    const v = (name: string) =>
      (update.documents.get(name)?.fields?.v as { integerValue?: string } | undefined)?.integerValue;
    const id = (name: string) => name.split('/').pop();
    if (update.reset) lines.push('reset');
    for (const name of [...update.removed].sort()) lines.push(`-${id(name)}`);
    for (const name of [...update.added].sort()) lines.push(`+${id(name)}=${v(name)}`);
    for (const name of [...update.modified].sort()) lines.push(`~${id(name)}=${v(name)}`);
  });
  return { lines, events };
}

describe('remote layer against the emulator', () => {
  it('raises the initial result and each commit once', async () => {
    const { database, set, target } = project();
    const writer = client(database);
    await writer.writes.commit([set('a', 1)]);
    const reader = client(database);
    const id = reader.watch.nextTargetId();
    const { lines, events } = record(reader.watch, id);
    reader.watch.listen(id, target);
    await until(() => lines.length === 1, 'initial');
    await writer.writes.commit([set('b', 2)]);
    await writer.writes.commit([set('a', 3), { delete: set('b', 0).update.name }]);
    await until(() => lines.length === 4, 'changes');
    expect(lines).toEqual(['+a=1', '+b=2', '-b', '~a=3']);
    expect(events.every((e) => e.targets.get(id)?.current)).toBe(true);
    writer.connection.close();
    reader.connection.close();
  });

  describe('through a proxy that cuts connections', () => {
    let proxy: TcpProxy;
    beforeAll(async () => {
      proxy = await startTcpProxy(emulator.port);
    });
    afterAll(async () => {
      await proxy.close();
    });

    it('resumes after a cut with no duplicate and no missing change', async () => {
      const { database, set, target } = project();
      const writer = client(database);
      await writer.writes.commit([set('a', 1), set('b', 1)]);
      const reader = client(database, proxy.port);
      const id = reader.watch.nextTargetId();
      const { lines } = record(reader.watch, id);
      reader.watch.listen(id, target);
      await until(() => lines.length === 2, 'initial');
      proxy.refuse();
      proxy.dropAll();
      await until(() => reader.connection.state === 'offline', 'offline');
      await writer.writes.commit([set('a', 2)]);
      await writer.writes.commit([{ delete: set('b', 0).update.name }]);
      await writer.writes.commit([set('c', 3)]);
      proxy.accept();
      await until(() => lines.length === 5, 'resumed changes');
      await writer.writes.commit([set('d', 4)]);
      await until(() => lines.length === 6, 'live change');
      expect(lines).toEqual(['+a=1', '+b=1', '-b', '+c=3', '~a=2', '+d=4']);
      writer.connection.close();
      reader.connection.close();
    });

    it('re-sends writes queued while cut off, in order', async () => {
      const { database, docName, set } = project();
      const writer = client(database, proxy.port);
      await writer.writes.commit([set('w', 0)]);
      proxy.refuse();
      proxy.dropAll();
      await until(() => writer.connection.state === 'offline', 'offline');
      const commits = [1, 2, 3, 4, 5].map((v) => writer.writes.commit([set('w', v)]));
      proxy.accept();
      const answers = await Promise.all(commits);
      const times = answers.map((a) => a.commitTime);
      // Timestamps have 0, 3 or 6 fraction digits: compare them as times, not as strings.
      expect([...times].sort(compareTimestamps)).toEqual(times);
      const reader = client(database);
      const [found] = await reader.connection.request('batchGet', { database, documents: [docName('w')] });
      expect(found.found?.fields?.v).toEqual({ integerValue: '5' });
      writer.connection.close();
      reader.connection.close();
    });
  });

  it('turns a restart of the in-memory emulator on the same port into a reset', async () => {
    const own = await startEmulator({ port: 0 });
    const port = own.port;
    const { database, set, target } = project();
    const reader = client(database, port);
    const writer = client(database, port);
    await writer.writes.commit([set('a', 1), set('b', 1)]);
    const id = reader.watch.nextTargetId();
    const { lines } = record(reader.watch, id);
    reader.watch.listen(id, target);
    await until(() => lines.length === 2, 'initial');
    await own.stop();
    await until(() => reader.connection.state !== 'online', 'dropped');
    const again = await startEmulator({ port });
    try {
      await writer.writes.commit([set('b', 7), set('c', 8)]);
      await until(() => lines.length >= 5, 'reset result');
      expect(lines).toEqual(['+a=1', '+b=1', 'reset', '-a', '+c=8', '~b=7']);
    } finally {
      writer.connection.close();
      reader.connection.close();
      await again.stop();
    }
  });
});
