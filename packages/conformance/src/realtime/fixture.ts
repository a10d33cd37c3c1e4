/**
 * What the realtime tests share: a Kindling emulator, @kindling/client instances (optionally through a TCP
 * proxy), an independent REST writer/reader (firebase/firestore/lite straight to the emulator), and a
 * recorder that keeps every snapshot of a query listener for the chain check.
 */
import { deleteApp, initializeApp } from 'firebase/app';
import * as lite from 'firebase/firestore/lite';
import { PROJECT_ID } from '../legs.js';
import { type ChainSnapshot, chainSnapshot, stableJson } from '../support/snapshot-chain.js';

export type Client = typeof import('@kindling/client');
export type ClientDb = ReturnType<Client['getFirestore']>;
export type ClientQuery = ReturnType<Client['query']>;

let apps = 0;

export async function kindlingClient(
  host: string,
  port: number,
): Promise<{ fs: Client; db: ClientDb; close(): Promise<void> }> {
  const fs = await import('@kindling/client');
  apps += 1;
  const app = fs.initializeApp({ projectId: PROJECT_ID }, `realtime-client-${apps}`);
  const db = fs.getFirestore(app);
  fs.connectFirestoreEmulator(db, host, port);
  return { fs, db, close: () => fs.terminate(db) };
}

/** Another client of the emulator, over REST and never through the proxy. */
export function restClient(
  host: string,
  port: number,
): { fs: typeof lite; db: lite.Firestore; close(): Promise<void> } {
  lite.setLogLevel('silent');
  apps += 1;
  const app = initializeApp({ projectId: PROJECT_ID }, `realtime-rest-${apps}`);
  const db = lite.getFirestore(app);
  lite.connectFirestoreEmulator(db, host, port);
  return { fs: lite, db, close: () => lite.terminate(db).then(() => deleteApp(app)) };
}

/**
 * Runs a REST write again when it met a dead pooled connection: fetch keeps connections alive per origin, and
 * a server stopped on a port (a restart, or an earlier test's server whose port the OS hands out again)
 * leaves them behind; lite reports that as a failed request before anything reached the new server.
 */
export async function resent<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 3 || !String((error as Error).message).includes('other side closed')) throw error;
    }
  }
}

/** `[id, data]` pairs in result order, data with sorted keys: how results are compared. */
export function resultOf(snapshot: { docs: { id: string; data(): unknown }[] }): string {
  return stableJson(snapshot.docs.map((d) => [d.id, d.data()]));
}

export class QueryRecorder {
  readonly chain: ChainSnapshot[] = [];
  last:
    | { docs: { id: string; data(): unknown }[]; metadata: { fromCache: boolean; hasPendingWrites: boolean } }
    | undefined;
  error: unknown;
  readonly unsubscribe: () => void;

  constructor(
    readonly label: string,
    fs: Client,
    query: ClientQuery,
  ) {
    // With metadata changes: the acknowledgement of a local write changes only hasPendingWrites, and
    // `shows()` waits for the server's state.
    this.unsubscribe = fs.onSnapshot(
      query,
      { includeMetadataChanges: true },
      {
        next: (snapshot) => {
          this.chain.push(chainSnapshot(snapshot));
          this.last = snapshot;
        },
        error: (error) => {
          this.error = error;
        },
      },
    );
  }

  /** The last snapshot's result, or undefined before the first one. */
  result(): string | undefined {
    return this.last && resultOf(this.last);
  }

  /** For a timeout message: what the listener shows against what it should. */
  explain(expected: string): string {
    const meta = this.last?.metadata;
    return (
      `${this.label}: expected ${expected}, last of ${this.chain.length} snapshots ` +
      `(fromCache ${meta?.fromCache}, hasPendingWrites ${meta?.hasPendingWrites}) ${this.result()}` +
      (this.error ? `, error ${String(this.error)}` : '')
    );
  }

  /** True once the last snapshot is the server's (not from cache, nothing pending) and shows `expected`. */
  shows(expected: string): boolean {
    return (
      this.last !== undefined &&
      !this.last.metadata.fromCache &&
      !this.last.metadata.hasPendingWrites &&
      this.result() === expected
    );
  }
}

export async function waitFor(
  what: string | (() => string),
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A seeded PRNG (mulberry32), so a failing soak run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
