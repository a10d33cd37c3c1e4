import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deleteApp, type FirebaseApp, initializeApp } from 'firebase/app';
import * as lite from 'firebase/firestore/lite';
import type { Api } from './normalize.js';
import { OFFICIAL_EMULATOR_JAR, type RunningServer, startOfficialEmulator } from './official-emulator.js';
import { installRestErrorRecorder, uninstallRestErrorRecorder } from './rest-error-recorder.js';
import type { Leg } from './scenario.js';

export const PROJECT_ID = 'demo-conformance';

const sourceOf = (pkg: string) => fileURLToPath(new URL(`../../${pkg}/src/index.ts`, import.meta.url));

export interface Legs {
  legs: Leg[];
  stop(): Promise<void>;
}

function liteLeg(name: string, tag: string, server: RunningServer): { leg: Leg; app: FirebaseApp } {
  const app = initializeApp({ projectId: PROJECT_ID }, `conformance-${name}`);
  const db = lite.getFirestore(app);
  lite.connectFirestoreEmulator(db, server.host, server.port);
  const origin = `http://${server.host}:${server.port}`;
  return { leg: { name, fs: lite, db, origin, projectId: PROJECT_ID, errorCodes: 'http', tag }, app };
}

/**
 * Starts every leg whose pieces exist: (i) lite → official emulator when its jar is installed,
 * (ii) lite → Kindling over REST and (iii) @kindling/client → Kindling over WebSocket once those packages
 * have sources. A missing piece is announced in one line; a present piece that fails to start is an error.
 */
export async function startLegs(): Promise<Legs> {
  // Lite logs every failed RPC; failures are results here, reported by the comparison instead.
  lite.setLogLevel('silent');
  installRestErrorRecorder();
  const legs: Leg[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    uninstallRestErrorRecorder();
  };
  try {
    const official = await startOfficialEmulator(PROJECT_ID);
    if (official) {
      cleanups.push(official.stop);
      const { leg, app } = liteLeg('official', 'o', official);
      cleanups.push(() => lite.terminate(leg.db).then(() => deleteApp(app)));
      legs.push(leg);
    } else {
      console.log(
        `conformance: official Firestore emulator not found at ${OFFICIAL_EMULATOR_JAR}; leg i skipped`,
      );
    }

    if (!existsSync(sourceOf('emulator'))) {
      console.log('conformance: @kindling/emulator has no sources yet; legs ii and iii skipped');
      return { legs, stop };
    }
    const { startEmulator } = await import('@kindling/emulator');
    const kindling = await startEmulator({ port: 0 });
    cleanups.push(() => kindling.stop());
    const rest = liteLeg('kindling-rest', 'r', kindling);
    cleanups.push(() => lite.terminate(rest.leg.db).then(() => deleteApp(rest.app)));
    legs.push(rest.leg);

    if (!existsSync(sourceOf('client'))) {
      console.log('conformance: @kindling/client has no sources yet; leg iii skipped');
      return { legs, stop };
    }
    const client = await import('@kindling/client');
    const app = client.initializeApp({ projectId: PROJECT_ID }, 'conformance-kindling-ws');
    const db = client.getFirestore(app);
    client.connectFirestoreEmulator(db, kindling.host, kindling.port);
    cleanups.push(() => client.terminate(db));
    legs.push({
      name: 'kindling-ws',
      // The client mirrors the full SDK's modular API; scenarios are typed against lite's subset of it.
      fs: client as unknown as Api,
      db: db as unknown as lite.Firestore,
      origin: `http://${kindling.host}:${kindling.port}`,
      projectId: PROJECT_ID,
      errorCodes: 'backend',
      tag: 'w',
    });
    return { legs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
