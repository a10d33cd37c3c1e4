/**
 * Listeners across a broken network and a restarted server, over real sockets:
 * - a TCP proxy between @kindling/client and Kindling cuts every connection while another client writes
 *   straight to the emulator; each listener must end with exactly the server's result, and its snapshots
 *   must chain (each one's docChanges() turn the previous into it; no document is added twice);
 * - the in-memory emulator is stopped and started again on the same port with other contents; the
 *   client's resume tokens are from the earlier run, so the server resets its targets and the listeners
 *   end with the new server's result, without an error.
 */
import { type RunningEmulator, startTcpProxy, type TcpProxy } from '@kindling/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { checkChain } from '../support/snapshot-chain.js';
import { kindlingClient, prng, QueryRecorder, resent, restClient, resultOf, waitFor } from './fixture.js';

const HOST = '127.0.0.1';

describe('reconnect', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });

  async function emulator(port = 0): Promise<RunningEmulator> {
    const { startEmulator } = await import('@kindling/emulator');
    const emu = await startEmulator({ host: HOST, port });
    cleanups.push(() => emu.stop());
    return emu;
  }

  it('listeners end with the server result after connections are cut while writes land', async () => {
    const emu = await emulator();
    const proxy: TcpProxy = await startTcpProxy(emu.port, HOST);
    cleanups.push(() => proxy.close());
    const client = await kindlingClient(HOST, proxy.port);
    cleanups.push(client.close);
    const writer = restClient(HOST, emu.port);
    cleanups.push(writer.close);
    const { fs, db } = client;
    const w = writer.fs;
    const path = `reconnect${Date.now()}`;

    for (let i = 0; i < 6; i++) await w.setDoc(w.doc(writer.db, path, `k${i}`), { n: i });
    const queries = {
      all: [
        fs.query(fs.collection(db, path), fs.orderBy('n')),
        w.query(w.collection(writer.db, path), w.orderBy('n')),
      ],
      top3: [
        fs.query(fs.collection(db, path), fs.orderBy('n', 'desc'), fs.limit(3)),
        w.query(w.collection(writer.db, path), w.orderBy('n', 'desc'), w.limit(3)),
      ],
      even: [
        fs.query(fs.collection(db, path), fs.where('even', '==', true)),
        w.query(w.collection(writer.db, path), w.where('even', '==', true)),
      ],
    } as const;
    const recorders = Object.entries(queries).map(
      ([label, [query]]) =>
        [new QueryRecorder(label, fs, query), queries[label as keyof typeof queries][1]] as const,
    );
    const caughtUp = async (what: string) => {
      for (const [recorder, fresh] of recorders) {
        const expected = resultOf(await w.getDocs(fresh));
        await waitFor(
          () => `${what}: ${recorder.explain(expected)}`,
          () => recorder.shows(expected),
        );
      }
    };
    await caughtUp('initially');

    const random = prng(7);
    let writes = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 30; i++) {
        const ref = w.doc(writer.db, path, `k${Math.floor(random() * 10)}`);
        const n = Math.floor(random() * 100);
        if (random() < 0.2) await w.deleteDoc(ref);
        else await w.setDoc(ref, { n, even: n % 2 === 0 });
        writes += 1;
        if (i === 10) {
          proxy.dropAll();
          // Every other round the network stays down for a while, so writes pile up before the resume.
          if (round % 2 === 1) proxy.refuse(300);
        }
      }
      await caughtUp(`after round ${round}`);
    }

    for (const [recorder] of recorders) {
      expect(recorder.error).toBeUndefined();
      expect(checkChain(recorder.label, recorder.chain)).toEqual([]);
    }
    expect(writes).toBe(120);
    // It did reconnect, once per cut at least.
    expect(proxy.accepted).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('writes made while the network is down are queued, shown at once, and sent in order on reconnect', async () => {
    const emu = await emulator();
    const proxy: TcpProxy = await startTcpProxy(emu.port, HOST);
    cleanups.push(() => proxy.close());
    const client = await kindlingClient(HOST, proxy.port);
    cleanups.push(client.close);
    const reader = restClient(HOST, emu.port);
    cleanups.push(reader.close);
    const { fs, db } = client;
    const path = `offline${Date.now()}`;
    const all = new QueryRecorder('all', fs, fs.query(fs.collection(db, path), fs.orderBy('n')));
    await fs.setDoc(fs.doc(db, path, 'a'), { n: 1 });
    await waitFor(
      () => all.explain('[["a",{"n":1}]]'),
      () => all.shows('[["a",{"n":1}]]'),
    );

    proxy.refuse();
    proxy.dropAll();
    const writes = [
      fs.setDoc(fs.doc(db, path, 'b'), { n: 2 }),
      fs.updateDoc(fs.doc(db, path, 'a'), { n: 3 }),
      fs.updateDoc(fs.doc(db, path, 'b'), { n: 0, later: true }),
      fs.deleteDoc(fs.doc(db, path, 'a')),
      fs.setDoc(fs.doc(db, path, 'a'), { n: 5 }),
    ];
    const expected = '[["b",{"later":true,"n":0}],["a",{"n":5}]]';
    // Latency compensation: the listener shows the queued writes before any of them reached the server.
    await waitFor('the queued writes shown locally', () => all.result() === expected);
    expect(all.last?.metadata.hasPendingWrites).toBe(true);
    const stored = await reader.fs.getDocs(reader.fs.query(reader.fs.collection(reader.db, path)));
    expect(resultOf(stored)).toBe('[["a",{"n":1}]]');

    proxy.accept();
    await Promise.all(writes);
    await waitFor(
      () => all.explain(expected),
      () => all.shows(expected),
    );
    const w = reader.fs;
    expect(resultOf(await w.getDocs(w.query(w.collection(reader.db, path), w.orderBy('n'))))).toBe(expected);
    expect(all.error).toBeUndefined();
    expect(checkChain('all', all.chain)).toEqual([]);
    all.unsubscribe();
  }, 60_000);

  it('listeners end with the restarted server’s contents (in-memory, same port) without an error', async () => {
    const first = await emulator();
    const port = first.port;
    const client = await kindlingClient(HOST, port);
    cleanups.push(client.close);
    const { fs, db } = client;
    const path = `restart${Date.now()}`;
    const before = restClient(HOST, port);
    cleanups.push(before.close);
    const b = before.fs;
    for (const [id, n] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      await resent(() => b.setDoc(b.doc(before.db, path, id), { n }));

    const all = new QueryRecorder('all', fs, fs.query(fs.collection(db, path), fs.orderBy('n')));
    let docA: { exists: boolean } | undefined;
    let docError: unknown;
    const stopDoc = fs.onSnapshot(fs.doc(db, path, 'a'), {
      next: (snapshot) => {
        docA = { exists: snapshot.exists() };
      },
      error: (error) => {
        docError = error;
      },
    });
    cleanups.push(async () => stopDoc());
    await waitFor('first result', () => all.shows('[["a",{"n":1}],["b",{"n":2}],["c",{"n":3}]]'));
    expect(docA).toEqual({ exists: true });

    await first.stop();
    const second = await emulator(port);
    expect(second.port).toBe(port);
    const after = restClient(HOST, port);
    cleanups.push(after.close);
    const r = after.fs;
    await resent(() => r.setDoc(r.doc(after.db, path, 'b'), { n: 20 }));
    await resent(() => r.setDoc(r.doc(after.db, path, 'd'), { n: 4 }));

    const restarted = '[["d",{"n":4}],["b",{"n":20}]]';
    await waitFor(
      () => all.explain(restarted),
      () => all.shows(restarted),
    );
    await waitFor('document a gone', () => docA?.exists === false);
    expect(all.error).toBeUndefined();
    expect(docError).toBeUndefined();
    expect(checkChain('all', all.chain)).toEqual([]);
    all.unsubscribe();
  }, 60_000);
});
