/**
 * The legs the rules scenarios run in: `official` — `firebase/firestore/lite` against the official emulator (the
 * reference); `kindling` — lite against Kindling over REST; `kindling-ws` — `@kindling/client` against another
 * Kindling over its WebSocket (each leg has its own server, so legs run a scenario concurrently). Servers are
 * driven over HTTP only: rules through the official admin endpoint `PUT /emulator/v1/projects/{p}:securityRules`,
 * data cleared with `DELETE …/documents` and seeded by lite with the admin token `owner`.
 */
import { deleteApp, initializeApp } from 'firebase/app';
import * as lite from 'firebase/firestore/lite';
import { startOfficialEmulator } from '../official-emulator.js';
import { putRules } from '../rules-admin.js';
import { type Caller, type Outcome, type RulesApi, type RulesScenario, rulesFile } from './scenario.js';

export const RULES_PROJECT_ID = 'demo-rules';

export interface RulesLeg {
  name: string;
  /** Loads a rules file; rejects with the server's answer when it is refused. */
  loadRules(source: string): Promise<void>;
  /** Loads a rules file: `accepted`, or `L<line>` of the first issue the server refused it with. */
  tryRules(source: string): Promise<string>;
  /** Empties the database, then writes the scenario's seed with rules bypassed. */
  reset(seed: RulesScenario['seed']): Promise<void>;
  /** Runs the scenario's operation as its caller. */
  run(scenario: RulesScenario): Promise<Outcome>;
}

export interface RulesLegs {
  legs: RulesLeg[];
  stop(): Promise<void>;
}

type Cleanups = (() => Promise<unknown>)[];

/** A modular API and how it connects a database to an emulator as a caller. */
interface ClientApi {
  api: RulesApi;
  connect(
    appName: string,
    host: string,
    port: number,
    token: Caller,
  ): { db: lite.Firestore; close(): Promise<void> };
}

const liteApi: ClientApi = {
  api: lite,
  connect(appName, host, port, token) {
    const app = initializeApp({ projectId: RULES_PROJECT_ID }, appName);
    const db = lite.getFirestore(app);
    lite.connectFirestoreEmulator(db, host, port, token === null ? {} : { mockUserToken: token });
    return { db, close: () => lite.terminate(db).then(() => deleteApp(app)) };
  },
};

async function kindlingClientApi(): Promise<ClientApi> {
  const client = await import('@kindling/client');
  return {
    // The client mirrors the full SDK's modular API, whose aggregations carry a FromServer suffix; scenarios
    // are typed against lite's.
    api: {
      ...client,
      getCount: client.getCountFromServer,
      getAggregate: client.getAggregateFromServer,
    } as unknown as RulesApi,
    connect(appName, host, port, token) {
      const db = client.getFirestore(client.initializeApp({ projectId: RULES_PROJECT_ID }, appName));
      client.connectFirestoreEmulator(db, host, port, token === null ? {} : { mockUserToken: token });
      return { db: db as unknown as lite.Firestore, close: () => client.terminate(db) };
    },
  };
}

/** Outcomes are what the comparison sees: permission-denied is the one the rules decide. */
async function outcomeOf(operation: Promise<unknown>): Promise<Outcome> {
  try {
    await operation;
    return 'allowed';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'permission-denied') return 'denied';
    if (typeof code === 'string') return code;
    throw error;
  }
}

function legAt(name: string, host: string, port: number, client: ClientApi, cleanups: Cleanups): RulesLeg {
  const origin = `http://${host}:${port}`;
  /** One database per API and token: the token is fixed when a database connects. */
  const databases = new Map<string, lite.Firestore>();
  const databaseFor = (via: ClientApi, token: Caller): lite.Firestore => {
    const key = `${via === client ? 'ops' : 'seed'} ${JSON.stringify(token)}`;
    let db = databases.get(key);
    if (!db) {
      const connection = via.connect(`rules-${name}-${databases.size}`, host, port, token);
      cleanups.push(connection.close);
      db = connection.db;
      databases.set(key, db);
    }
    return db;
  };
  const database = `projects/${RULES_PROJECT_ID}/databases/(default)`;
  const leg: RulesLeg = {
    name,
    loadRules: (source) => putRules(origin, RULES_PROJECT_ID, source),
    tryRules(source) {
      return leg.loadRules(source).then(
        () => 'accepted',
        (error: Error) =>
          /Error compiling rules:(?:\\n|\s)*(L\d+):/.exec(error.message)?.[1] ?? error.message,
      );
    },
    async reset(seed) {
      const cleared = await fetch(`${origin}/emulator/v1/${database}/documents`, { method: 'DELETE' });
      if (!cleared.ok) throw new Error(`${name}: clearing failed with HTTP ${cleared.status}`);
      if (!seed) return;
      // Seeds go through lite over REST on every leg, so a seed is the same whatever the leg's API.
      const owner = databaseFor(liteApi, 'owner');
      const documents = typeof seed === 'function' ? seed(owner) : seed;
      const batch = lite.writeBatch(owner);
      for (const [path, data] of Object.entries(documents)) batch.set(lite.doc(owner, path), data);
      await batch.commit();
    },
    run: (scenario) => outcomeOf(scenario.op(client.api, databaseFor(client, scenario.caller))),
  };
  return leg;
}

/** Whether a Kindling server takes rules on the admin endpoint. */
async function takesRules(leg: RulesLeg): Promise<boolean> {
  const accepted = await leg.tryRules(
    rulesFile('    match /{document=**} {\n      allow read, write: if true;\n    }'),
  );
  if (accepted !== 'accepted')
    console.log(`rules: Kindling does not take rules yet (${accepted.slice(0, 120)})`);
  return accepted === 'accepted';
}

/**
 * Starts the official emulator (when its jar is installed) and two Kindling emulators in-process. The Kindling
 * legs take part when Kindling accepts rules on the admin endpoint; `KINDLING_RULES=0` leaves them out and
 * `KINDLING_RULES=rest` keeps only the REST one. Every absence is announced.
 */
export async function startRulesLegs(): Promise<RulesLegs> {
  lite.setLogLevel('silent');
  const legs: RulesLeg[] = [];
  const cleanups: Cleanups = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    const official = await startOfficialEmulator(RULES_PROJECT_ID);
    if (official) {
      cleanups.push(official.stop);
      legs.push(legAt('official', official.host, official.port, liteApi, cleanups));
    } else console.log('rules: official Firestore emulator not found; its leg is skipped');

    const mode = process.env.KINDLING_RULES;
    if (mode === '0') return { legs, stop };
    const { startEmulator } = await import('@kindling/emulator');
    const kindlingLeg = async (name: string, client: ClientApi) => {
      const kindling = await startEmulator({ port: 0, projectId: RULES_PROJECT_ID });
      cleanups.push(() => kindling.stop());
      const leg = legAt(name, kindling.host, kindling.port, client, cleanups);
      if (await takesRules(leg)) legs.push(leg);
    };
    await kindlingLeg('kindling', liteApi);
    if (mode !== 'rest') await kindlingLeg('kindling-ws', await kindlingClientApi());
    return { legs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
