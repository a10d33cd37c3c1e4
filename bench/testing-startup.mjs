#!/usr/bin/env node
// Per-test start-up cost of a Firestore backend for unit tests (issue 6), from nothing to a client's first
// snapshot of a document listener, median of several runs:
//   (a) @kindling/testing's mock: createFirestoreMock + its handlers installed on an msw server that is already
//       listening (one per test file), a new @kindling/client instance, first snapshot;
//   (b) the Kindling emulator started in-process (startEmulator on a free port), a client, first snapshot;
//   (c) the official emulator: JVM start until `GET /` answers Ok, then the Firebase SDK's first snapshot.
// Run after `pnpm build`: `node bench/testing-startup.mjs`. Processes started here are killed by their PID.
// Numbers are printed, never asserted.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import {
  emulatorServers,
  freePort,
  HOST,
  median,
  OFFICIAL_JAR,
  printTable,
  ROOT,
  spawnTracked,
  untilOk,
} from './lib.mjs';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 20);
/** Runs of each in-process leg discarded first (module loading, JIT). */
const WARMUP = 2;
const OFFICIAL_RUNS = Number(process.env.BENCH_OFFICIAL_STARTUP_RUNS ?? 3);
const PROJECT = 'demo-startup';

const testing = `${ROOT}packages/testing/`;
const client = await import(`${ROOT}packages/client/dist/index.js`);
const { startEmulator } = await import(`${ROOT}packages/emulator/dist/index.js`);

let apps = 0;

/** ms until a new @kindling/client instance on host:port delivers its first snapshot of a document. */
async function firstKindlingSnapshot(host, port) {
  const db = client.getFirestore(client.initializeApp({ projectId: PROJECT }, `startup-${++apps}`));
  client.connectFirestoreEmulator(db, host, port);
  await new Promise((resolve, reject) => {
    const stop = client.onSnapshot(client.doc(db, 'c/d'), () => resolve(stop()), reject);
  });
  return db;
}

async function emulatorInProcess() {
  const started = performance.now();
  const emulator = await startEmulator({ host: HOST, port: 0 });
  const db = await firstKindlingSnapshot(emulator.host, emulator.port);
  const elapsed = performance.now() - started;
  await client.terminate(db);
  await emulator.stop();
  return elapsed;
}

async function mockRuns() {
  // The global WebSocket msw wraps (Node 20 has none), then one listening msw server, as a test file has.
  await import(`${testing}dist/node-websocket.js`);
  const { createFirestoreMock } = await import(`${testing}dist/index.js`);
  const { setupServer } = await import(`${testing}node_modules/msw/lib/node/index.mjs`);
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  const times = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const started = performance.now();
    const mock = createFirestoreMock({ projectId: PROJECT });
    server.use(...mock.handlers);
    const db = await firstKindlingSnapshot(mock.host, mock.port);
    if (i >= WARMUP) times.push(performance.now() - started);
    await client.terminate(db);
    server.resetHandlers();
  }
  server.close();
  return times;
}

async function officialEmulator() {
  const require = createRequire(`${testing}package.json`);
  const { initializeApp, deleteApp } = require('firebase/app');
  const firestore = require('firebase/firestore');
  const started = performance.now();
  const port = await freePort();
  const java = spawnTracked(...emulatorServers(PROJECT).official.command(port));
  try {
    await untilOk(`http://${HOST}:${port}/`, java.child);
    const ready = performance.now() - started;
    const app = initializeApp({ projectId: PROJECT }, `official-${++apps}`);
    const db = firestore.getFirestore(app);
    firestore.connectFirestoreEmulator(db, HOST, port);
    await new Promise((resolve, reject) => {
      const stop = firestore.onSnapshot(firestore.doc(db, 'c/d'), () => resolve(stop()), reject);
    });
    const elapsed = performance.now() - started;
    await deleteApp(app);
    return { elapsed, ready };
  } finally {
    await java.stop();
  }
}

const rows = [['backend (per test: start + first snapshot)', 'median ms', 'runs']];
const fmt = (ms) => ms.toFixed(1);

// The in-process emulator first: before msw wraps the global WebSocket, so it measures the plain socket path.
const inProcess = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const elapsed = await emulatorInProcess();
  if (i >= WARMUP) inProcess.push(elapsed);
}
const mock = await mockRuns();
rows.push(['@kindling/testing mock (msw, in-process)', fmt(median(mock)), RUNS]);
rows.push(['Kindling emulator started in-process', fmt(median(inProcess)), RUNS]);
if (existsSync(OFFICIAL_JAR)) {
  const official = [];
  for (let i = 0; i < OFFICIAL_RUNS; i++) official.push(await officialEmulator());
  rows.push([
    'official emulator (JVM start + Firebase SDK)',
    fmt(median(official.map((o) => o.elapsed))),
    OFFICIAL_RUNS,
  ]);
  rows.push([
    '  of which JVM start until GET / answers Ok',
    fmt(median(official.map((o) => o.ready))),
    OFFICIAL_RUNS,
  ]);
} else {
  rows.push(['official emulator', 'jar not found', 0]);
}
printTable(rows);
process.exit(0);
