/**
 * The listener differential harness: scenarios written once against the Firebase modular API, run through
 * the full `firebase/firestore` SDK (gRPC in Node) against the official emulator and through
 * `@kindling/client` against Kindling over its WebSocket. Each listener's normalized sequence of snapshots
 * is the result (see recorder.ts); the first leg is the oracle.
 *
 * Determinism: a scenario never writes while a listener may still be catching up. `settle()` waits until
 * every listener has delivered at least one snapshot and then stays silent for QUIET_MS, so every
 * snapshot a step causes (including metadata-only ones under includeMetadataChanges) is in before the next
 * step. Writes "by another client" go through `firebase/firestore/lite` (REST) to the leg's server, so they
 * reach the listener only over its watch stream.
 */
import { deleteApp, type FirebaseApp, initializeApp } from 'firebase/app';
import * as full from 'firebase/firestore';
import * as lite from 'firebase/firestore/lite';
import { PROJECT_ID } from '../legs.js';
import { type Api, type Json, Normalizer } from '../normalize.js';
import { OFFICIAL_EMULATOR_JAR, startOfficialEmulator } from '../official-emulator.js';
import { putRules } from '../rules-admin.js';
import { uniquePrefix } from '../scenario.js';
import { type FullApi, ListenerRecording } from './recorder.js';

/** Silence that ends a step. Deliveries on loopback take a few ms; this leaves a wide margin. */
const QUIET_MS = Number(process.env.CONFORMANCE_QUIET_MS ?? 200);
/** A listener that never delivers must not hang the scenario; what it missed shows in the comparison. */
const SETTLE_LIMIT_MS = 5_000;

export interface ListenContext {
  col(name: string): string;
  /** Starts a recorded listener; its sequence of snapshots is part of the result under `name`. */
  listen(
    name: string,
    target: full.DocumentReference | full.Query,
    options?: { includeMetadataChanges?: boolean },
  ): ListenerRecording;
  /** Another client of the same server (lite over REST). */
  readonly remote: { fs: typeof lite; db: lite.Firestore };
  /** Waits until every listener has delivered and then been quiet (see above). */
  settle(): Promise<void>;
}

export interface ListenScenario {
  name: string;
  /** Set while the Kindling leg is known to differ: what is wrong (the test is an expected failure). */
  kindlingBug?: string;
  /** Anything returned is compared too. */
  run(fs: FullApi, db: full.Firestore, ctx: ListenContext): Promise<unknown>;
}

export interface ListenLeg {
  name: string;
  tag: string;
  fs: FullApi;
  db: full.Firestore;
  remote: { fs: typeof lite; db: lite.Firestore };
}

export interface ListenLegs {
  legs: ListenLeg[];
  stop(): Promise<void>;
}

/**
 * Legs with security rules: both servers load `rules`, the listeners' client is signed in as `user` (a mock
 * token) and the remote client writes as the owner, so it bypasses the rules.
 */
export interface SecuredLegs {
  rules: string;
  user: string;
}

let legSets = 0;

export async function startListenLegs(secured?: SecuredLegs): Promise<ListenLegs> {
  full.setLogLevel('silent');
  lite.setLogLevel('silent');
  const set = ++legSets;
  const legs: ListenLeg[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  const listenerAuth = secured ? { mockUserToken: { user_id: secured.user } } : {};
  const prepare = async (host: string, port: number) => {
    if (secured) await putRules(`http://${host}:${port}`, PROJECT_ID, secured.rules);
  };
  const remoteOf = (name: string, host: string, port: number) => {
    const app = initializeApp({ projectId: PROJECT_ID }, `listen-remote-${name}-${set}`);
    const db = lite.getFirestore(app);
    lite.connectFirestoreEmulator(db, host, port, secured ? { mockUserToken: 'owner' } : {});
    cleanups.push(() => lite.terminate(db).then(() => deleteApp(app)));
    return { fs: lite, db };
  };
  try {
    const official = await startOfficialEmulator(PROJECT_ID);
    if (official) {
      cleanups.push(official.stop);
      await prepare(official.host, official.port);
      const app: FirebaseApp = initializeApp({ projectId: PROJECT_ID }, `listen-official-${set}`);
      const db = full.getFirestore(app);
      full.connectFirestoreEmulator(db, official.host, official.port, listenerAuth);
      cleanups.push(() => full.terminate(db).then(() => deleteApp(app)));
      legs.push({
        name: 'official',
        tag: 'o',
        fs: full,
        db,
        remote: remoteOf('official', official.host, official.port),
      });
    } else {
      console.log(
        `listen conformance: official emulator not found at ${OFFICIAL_EMULATOR_JAR}; its leg is skipped`,
      );
    }
    const { startEmulator } = await import('@kindling/emulator');
    const kindling = await startEmulator({ port: 0 });
    cleanups.push(() => kindling.stop());
    await prepare(kindling.host, kindling.port);
    const client = await import('@kindling/client');
    const app = client.initializeApp({ projectId: PROJECT_ID }, `listen-kindling-ws-${set}`);
    const db = client.getFirestore(app);
    client.connectFirestoreEmulator(db, kindling.host, kindling.port, listenerAuth);
    cleanups.push(() => client.terminate(db));
    legs.push({
      name: 'kindling-ws',
      tag: 'w',
      // The client mirrors the full SDK's modular API.
      fs: client as unknown as FullApi,
      db: db as unknown as full.Firestore,
      remote: remoteOf('kindling', kindling.host, kindling.port),
    });
    return { legs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs one scenario on one leg: `{ listeners: { name: snapshots }, returned? }`. */
export async function runListenScenario(scenario: ListenScenario, leg: ListenLeg): Promise<Json> {
  const prefix = uniquePrefix(leg.tag);
  const normalizer = new Normalizer(leg.fs as unknown as Api, prefix);
  const recordings = new Map<string, ListenerRecording>();
  const ctx: ListenContext = {
    col: (name) => `${prefix}${name}`,
    listen(name, target, options = {}) {
      if (recordings.has(name)) throw new Error(`listener ${name} recorded twice`);
      const recording = new ListenerRecording(leg.fs, normalizer);
      recordings.set(name, recording);
      // Both overloads (reference and query) take (target, options, observer).
      recording.unsubscribe = leg.fs.onSnapshot(
        target as full.Query,
        { includeMetadataChanges: options.includeMetadataChanges ?? false },
        recording.observer,
      );
      return recording;
    },
    remote: leg.remote,
    async settle() {
      const started = performance.now();
      for (;;) {
        const all = [...recordings.values()];
        const waiting = all.some((r) => r.snapshots.length === 0 && r.error === undefined);
        const last = Math.max(started, ...all.map((r) => r.lastEventAt));
        const quietFor = performance.now() - last;
        if (!waiting && quietFor >= QUIET_MS) return;
        if (performance.now() - started > SETTLE_LIMIT_MS) return; // the comparison shows what is missing
        await new Promise((resolve) => setTimeout(resolve, waiting ? 10 : QUIET_MS - quietFor + 1));
      }
    },
  };
  let returned: unknown;
  try {
    returned = await scenario.run(leg.fs, leg.db, ctx);
    await ctx.settle();
  } catch (e) {
    const error = e as { code?: string };
    returned = { uncaught: typeof error?.code === 'string' ? error.code : normalizer.text(String(e)) };
  } finally {
    for (const recording of recordings.values()) recording.unsubscribe();
  }
  const listeners = Object.fromEntries([...recordings].map(([name, r]) => [name, r.result()]));
  return returned === undefined ? { listeners } : { listeners, returned: normalizer.value(returned) };
}
