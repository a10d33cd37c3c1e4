/**
 * Seeded randomized soak: several @kindling/client instances behind one TCP proxy, many listeners (limit and
 * limitToLast windows among them), thousands of random set/update/delete writes over a small key space from
 * the clients and from a REST client, and random cuts of every connection. At the end every listener's last
 * snapshot equals a fresh query of the server, every listener's snapshots chain (applying one snapshot's
 * docChanges() to the previous gives it; no document added twice). SOAK_SEED=n replays a seed; SOAK_WRITES
 * changes the number of writes (the write phase stops early past 30 s). The figures are printed.
 */
import { type RunningEmulator, startTcpProxy, type TcpProxy } from '@kindling/emulator';
import type * as lite from 'firebase/firestore/lite';
import { afterAll, describe, expect, it } from 'vitest';
import { checkChain, stableJson } from '../support/snapshot-chain.js';
import {
  type Client,
  kindlingClient,
  prng,
  QueryRecorder,
  restClient,
  resultOf,
  waitFor,
} from './fixture.js';

const HOST = '127.0.0.1';
const SEED = Number(process.env.SOAK_SEED ?? 20261128);
const WRITES = Number(process.env.SOAK_WRITES ?? 3000);
const CLIENTS = 3;
/** Time the write phase may take before it stops early; the checks that follow need the rest of the minute. */
const WRITE_BUDGET_MS = 30_000;
const KEYS = 24;
/** Keys each client also listens to as documents. */
const DOC_KEYS = ['k0', 'k1', 'k2'];
/** Writes in flight at once (from different clients and the REST writer). */
const CONCURRENCY = 12;

type Api = Client | typeof lite;
/** Queries written once for both APIs (their constraint functions share names and meaning). */
const QUERIES: Record<string, (api: Api) => unknown[]> = {
  all: (api) => [api.orderBy('n')],
  low: (api) => [api.where('n', '<', 40)],
  first5: (api) => [api.orderBy('n'), api.limit(5)],
  top3: (api) => [api.orderBy('n', 'desc'), api.limit(3)],
  last4: (api) => [api.orderBy('n'), api.limitToLast(4)],
  tagged: (api) => [api.where('tag', '==', 'x'), api.orderBy('n', 'desc'), api.limit(6)],
  inWindow: (api) => [api.where('n', '>=', 20), api.where('n', '<', 70), api.orderBy('n'), api.limit(4)],
};

describe('soak', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });

  it(`seed ${SEED}: every listener ends equal to a fresh query, with consistent docChanges`, async () => {
    const { startEmulator } = await import('@kindling/emulator');
    const emu: RunningEmulator = await startEmulator({ host: HOST, port: 0 });
    cleanups.push(() => emu.stop());
    const proxy: TcpProxy = await startTcpProxy(emu.port, HOST);
    cleanups.push(() => proxy.close());
    const rest = restClient(HOST, emu.port);
    cleanups.push(rest.close);
    const clients: Awaited<ReturnType<typeof kindlingClient>>[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = await kindlingClient(HOST, proxy.port);
      cleanups.push(client.close);
      clients.push(client);
    }
    const path = `soak${SEED}_${Date.now()}`;
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

    const listeners: { recorder: QueryRecorder; fresh: lite.Query }[] = [];
    clients.forEach(({ fs, db }, c) => {
      for (const [name, constraints] of Object.entries(QUERIES)) {
        const query = fs.query(
          fs.collection(db, path),
          ...(constraints(fs) as Parameters<Client['query']>[1][]),
        );
        const fresh = rest.fs.query(
          rest.fs.collection(rest.db, path),
          ...(constraints(rest.fs) as lite.QueryConstraint[]),
        );
        listeners.push({ recorder: new QueryRecorder(`client${c}/${name}`, fs, query), fresh });
      }
    });
    // Document listeners too: the last snapshot of each must match the stored document (or its absence).
    const docListeners = clients.flatMap(({ fs, db }, c) =>
      DOC_KEYS.map((key) => {
        const listener = {
          label: `client${c}/doc ${key}`,
          key,
          last: undefined as unknown,
          snapshots: 0,
          error: undefined as unknown,
        };
        const stop = fs.onSnapshot(
          fs.doc(db, path, key),
          { includeMetadataChanges: true },
          {
            next: (snapshot) => {
              listener.snapshots += 1;
              listener.last =
                snapshot.metadata.hasPendingWrites || snapshot.metadata.fromCache
                  ? undefined
                  : stableJson(snapshot.exists() ? snapshot.data() : null);
            },
            error: (error) => {
              listener.error = error;
            },
          },
        );
        cleanups.push(async () => stop());
        return listener;
      }),
    );

    const counts = { writes: 0, rejected: 0, cuts: 0, refusals: 0 };
    const data = () => ({ n: Math.floor(random() * 100), tag: pick(['x', 'y', 'z']) });
    const write = (): Promise<unknown> => {
      const key = `k${Math.floor(random() * KEYS)}`;
      const kind = random();
      const op = random() < 0.3 ? -1 : Math.floor(random() * CLIENTS);
      counts.writes += 1;
      let promise: Promise<unknown>;
      if (op < 0) {
        const ref = rest.fs.doc(rest.db, path, key);
        promise =
          kind < 0.5
            ? rest.fs.setDoc(ref, data())
            : kind < 0.8
              ? rest.fs.updateDoc(ref, { n: Math.floor(random() * 100) })
              : rest.fs.deleteDoc(ref);
      } else {
        const { fs, db } = clients[op] as (typeof clients)[number];
        const ref = fs.doc(db, path, key);
        promise =
          kind < 0.5
            ? fs.setDoc(ref, data())
            : kind < 0.8
              ? fs.updateDoc(ref, { n: Math.floor(random() * 100), tag: pick(['x', 'y']) })
              : fs.deleteDoc(ref);
      }
      // An update of a missing document is refused (NOT_FOUND): a valid outcome, counted, not a failure.
      return promise.catch((error: { code?: string }) => {
        if (error?.code !== 'not-found') throw error;
        counts.rejected += 1;
      });
    };

    const started = performance.now();
    // Bounded for CI: on a very busy machine the run stops writing early (the printed figures say so).
    while (counts.writes < WRITES && performance.now() - started < WRITE_BUDGET_MS) {
      const inFlight: Promise<unknown>[] = [];
      for (let i = 0; i < CONCURRENCY && counts.writes < WRITES; i++) inFlight.push(write());
      if (random() < 0.06) {
        proxy.dropAll();
        counts.cuts += 1;
        if (random() < 0.3) {
          proxy.refuse(Math.floor(random() * 200));
          counts.refusals += 1;
        }
      }
      await Promise.all(inFlight);
    }
    const writeMs = performance.now() - started;

    for (const { fs, db } of clients) await fs.waitForPendingWrites(db);
    for (const { recorder, fresh } of listeners) {
      const expected = resultOf(await rest.fs.getDocs(fresh));
      await waitFor(
        () => recorder.explain(expected),
        () => recorder.shows(expected),
        20_000,
      );
    }

    for (const listener of docListeners) {
      const stored = await rest.fs.getDoc(rest.fs.doc(rest.db, path, listener.key));
      const expected = stableJson(stored.exists() ? stored.data() : null);
      await waitFor(
        () => `${listener.label}: expected ${expected}, last server snapshot ${String(listener.last)}`,
        () => listener.last === expected,
      );
    }

    const problems = listeners.flatMap(({ recorder }) => checkChain(recorder.label, recorder.chain));
    const snapshots =
      listeners.reduce((sum, { recorder }) => sum + recorder.chain.length, 0) +
      docListeners.reduce((sum, listener) => sum + listener.snapshots, 0);
    console.log(
      `soak: seed ${SEED}, ${counts.writes}${counts.writes < WRITES ? ` of ${WRITES} (time budget)` : ''} writes (${counts.rejected} refused updates) in ${Math.round(writeMs)} ms, ` +
        `${counts.cuts} cuts (${counts.refusals} with refused reconnects), ${proxy.accepted} connections, ` +
        `${CLIENTS} clients, ${listeners.length} query + ${docListeners.length} document listeners, ${snapshots} snapshots, ${problems.length} problems`,
    );
    expect(
      listeners.filter(({ recorder }) => recorder.error !== undefined).map(({ recorder }) => recorder.label),
    ).toEqual([]);
    expect(
      docListeners.filter((listener) => listener.error !== undefined).map((listener) => listener.label),
    ).toEqual([]);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(counts.cuts).toBeGreaterThan(0);
  }, 60_000);
});
