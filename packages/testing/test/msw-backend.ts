/** The msw transport for the client's shared integration suite (packages/client/test/setup.ts). */
import '../src/node-websocket.js';
import { setupServer } from 'msw/node';
import { createFirestoreMock } from '../src/index.js';

export interface MswBackend {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** A Firestore mock behind msw's setupServer: every project is served, as by the emulator. */
export async function startMswBackend(): Promise<MswBackend> {
  const mock = createFirestoreMock({ projectId: 'demo-client-suite' });
  const server = setupServer(...mock.handlers);
  // Anything the mock does not answer would reach the network: that is a test bug, not a fallback.
  server.listen({ onUnhandledRequest: 'error' });
  return {
    host: mock.host,
    port: mock.port,
    async stop() {
      mock.disconnect();
      server.close();
    },
  };
}
