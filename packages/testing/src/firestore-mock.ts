import type { FirestoreErrorCode } from '@kindling/client';
import { Engine, type EngineOptions, OWNER } from '@kindling/emulator/engine';
import type { HttpHandler, WebSocketHandler } from 'msw';
import { type FaultMethod, FaultPlan } from './faults.js';
import { MOCK_PORT, nextMockHost } from './mock-address.js';
import { restHandlers } from './rest-handlers.js';
import { type SeedDocuments, seedWrites } from './seed.js';
import { linkEngine } from './websocket-link.js';

export interface FirestoreMockOptions {
  /** The project the app under test uses: `seed()` and `clear()` act on its (default) database. */
  projectId: string;
  /** Security rules source; without it every request is allowed, as in the emulator without rules. */
  rules?: string;
  /** Options for the engine (clock, heartbeat interval, …). */
  engineOptions?: EngineOptions;
}

export interface FirestoreMock {
  /** msw handlers: the WebSocket protocol (`ws.link`) and REST v1 (`http`). Give them to setupServer/setupWorker. */
  readonly handlers: readonly (WebSocketHandler | HttpHandler)[];
  /** Pass host and port to connectFirestoreEmulator. The host is made up and unique to this mock. */
  readonly host: string;
  readonly port: number;
  readonly projectId: string;
  /** The real emulator engine behind the handlers. */
  readonly engine: Engine;
  /** WebSocket connections open now. */
  readonly connections: number;
  /** Deletes every document of the project's (default) database and disarms pending faults. */
  clear(): void;
  /** Writes documents (path → data) bypassing security rules; resolves once committed. */
  seed(docs: SeedDocuments): Promise<void>;
  /** Cuts every client connection as a network failure would; clients reconnect and resume their listeners. */
  disconnect(): void;
  /**
   * Makes the next `method` request (over WebSocket or REST) fail with `code`; `listen` removes the next target
   * added with that cause. Faults are spent in the order they were armed.
   */
  fail(method: FaultMethod, code: FirestoreErrorCode, message?: string): void;
}

/**
 * The Kindling emulator engine in-process behind msw handlers: a client connected to `host:port` talks to it
 * with no server, no port and no child process.
 */
export function createFirestoreMock(options: FirestoreMockOptions): FirestoreMock {
  const { projectId } = options;
  const engine = new Engine({ ...options.engineOptions, rules: options.rules });
  const host = nextMockHost();
  const port = MOCK_PORT;
  const faults = new FaultPlan();
  const link = linkEngine(engine, `ws://${host}:${port}/kindling`, faults);
  const database = `projects/${projectId}/databases/(default)`;
  return {
    handlers: [link.handler, ...restHandlers(engine, `http://${host}:${port}`, faults)],
    host,
    port,
    projectId,
    engine,
    get connections() {
      return link.connections;
    },
    clear() {
      engine.clearDatabase(database);
      faults.clear();
    },
    async seed(docs) {
      const writes = seedWrites(docs, `${database}/documents`);
      if (writes.length > 0) await engine.call('commit', { database, writes }, OWNER);
    },
    disconnect: () => link.disconnect(),
    fail: (method, code, message) => faults.arm(method, code, message),
  };
}
