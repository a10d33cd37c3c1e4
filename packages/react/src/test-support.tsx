/** Shared setup for the hooks' tests: one in-process emulator per test file whose server targets are counted. */
import {
  connectFirestoreEmulator,
  type Firestore,
  getFirestore,
  initializeApp,
  terminate,
} from '@kindling/client';
import { Engine, type EngineOptions, startEmulator } from '@kindling/emulator';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';

// waitFor's 1 s default is a deadline, not a measurement: on a loaded CI machine a reconnect can take longer.
configure({ asyncUtilTimeout: 10_000 });

/** Listen targets as the server sees them, over every connection. */
export interface TargetCounts {
  /** Targets added since the file started. */
  added: number;
  /** Targets added and not yet removed. */
  active: number;
}

export interface HookTestEmulator {
  /** A Firestore on a project no other test uses. */
  db(): Firestore;
  /** Connects an instance made some other way (e.g. the default app's) and terminates it after the file. */
  connect(db: Firestore): Firestore;
  /** Another client instance (its own connection) on the same project as `db`: a different user's writes. */
  peer(db: Firestore): Firestore;
  readonly targets: TargetCounts;
  /** The emulator's engine (e.g. to load security rules). */
  readonly engine: Engine;
  /** Stops the server (the engine and its data stay), runs `meanwhile`, then serves again on the same port. */
  restart(meanwhile: () => Promise<void>): Promise<void>;
}

let counter = 0;

/**
 * Counts the targets every listen stream of the engine adds, and those it still holds: a target ends with the
 * REMOVE the server sends (asked for by the client, or refused by the server) or with its stream.
 */
function countTargets(engine: Engine, counts: TargetCounts): void {
  const open = engine.listen.open.bind(engine.listen);
  engine.listen.open = (database, transport, ...rest) => {
    const live = new Set<number>();
    const watched: typeof transport = {
      send(response) {
        const change = response.targetChange;
        if (change?.targetChangeType === 'REMOVE') {
          for (const id of change.targetIds ?? []) if (live.delete(id)) counts.active--;
        }
        transport.send(response);
      },
      bufferedAmount: () => transport.bufferedAmount(),
    };
    const stream = open(database, watched, ...rest);
    const { addTarget, close } = stream;
    stream.addTarget = (target) => {
      counts.added++;
      if (!live.has(target.targetId)) counts.active++;
      live.add(target.targetId);
      addTarget.call(stream, target);
    };
    stream.close = () => {
      counts.active -= live.size;
      live.clear();
      close.call(stream);
    };
    return stream;
  };
}

export function startHookTestEmulator(options: EngineOptions = {}): HookTestEmulator {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  const engine = new Engine(options);
  const instances: Firestore[] = [];
  const targets: TargetCounts = { added: 0, active: 0 };
  // Unmounts what each test rendered (no vitest globals, so testing-library cannot register this itself).
  afterEach(cleanup);
  beforeAll(async () => {
    countTargets(engine, targets);
    emulator = await startEmulator({ port: 0, engine });
  });
  afterAll(async () => {
    await Promise.all(instances.map((db) => terminate(db)));
    await emulator?.stop();
  });
  const connect = (db: Firestore) => {
    connectFirestoreEmulator(db, emulator.host, emulator.port);
    instances.push(db);
    return db;
  };
  const open = (projectId: string) =>
    connect(getFirestore(initializeApp({ projectId }, `react-${process.pid}-${++counter}`)));
  return {
    db: () => open(`demo-react-${process.pid}-${counter + 1}`),
    connect,
    peer: (db) => open(db._databaseId.projectId),
    targets,
    engine,
    async restart(meanwhile) {
      await emulator.stop();
      await meanwhile();
      emulator = await startEmulator({ port: emulator.port, engine });
    },
  };
}

/** A result as one line: its status, the error code, or the data as `show` prints it. */
export function describeResult<D>(
  result: { status: string; data?: D; error?: { code: string } },
  show: (data: D) => string,
): string {
  if (result.status === 'success') return show(result.data as D);
  return result.status === 'error' ? `error ${result.error?.code}` : result.status;
}

/** Each distinct line a component rendered, in order (a re-render showing the same line adds nothing). */
export function lineRecorder() {
  const lines: string[] = [];
  return {
    lines,
    record(line: string): string {
      if (lines.at(-1) !== line) lines.push(line);
      return line;
    },
    reset(): void {
      lines.length = 0;
    },
  };
}
