#!/usr/bin/env node
// Kindling vs the official Firestore emulator, side by side in one run (root `pnpm bench`, which builds first):
//   (a) CLI start to first answer: spawn the process, time until `GET /` answers `Ok` (median of several runs);
//   (b) one REST `:commit` of a small document: p50/p99 over sequential requests after a warm-up;
// then the realtime fan-out bench (listen.mjs), the security rules overhead bench (rules.mjs), the cost of
// re-checking listeners before changes (rule-rechecks.mjs), queries in a larger database (queries.mjs) and, in a
// process of
// its own since msw wraps the global WebSocket, the unit-test start-up bench (testing-startup.mjs).
// Every process started here is killed by its PID. Numbers are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { emulatorServers, launchServer, median, percentile, printTable, ROOT, untilOk } from './lib.mjs';
import { runListenBench } from './listen.mjs';
import { runQueriesBench } from './queries.mjs';
import { runRuleRechecksBench } from './rule-rechecks.mjs';
import { runRulesBench } from './rules.mjs';

const KINDLING_ENTRY = `${ROOT}packages/emulator/dist/index.js`;
const PROJECT = 'demo-bench';
const START_RUNS = Number(process.env.BENCH_START_RUNS ?? 5);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 500);
const WARMUP_COMMITS = Number(process.env.BENCH_WARMUP ?? 200);

const servers = emulatorServers(PROJECT);

async function commitLatencies(origin) {
  const url = `${origin}/v1/projects/${PROJECT}/databases/(default)/documents:commit`;
  const commitOne = async (i) => {
    const body = JSON.stringify({
      writes: [
        {
          update: {
            name: `projects/${PROJECT}/databases/(default)/documents/bench/d${i % 50}`,
            fields: {
              n: { integerValue: String(i) },
              s: { stringValue: 'hello' },
              ok: { booleanValue: true },
            },
          },
        },
      ],
    });
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    if (!response.ok) throw new Error(`commit: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < WARMUP_COMMITS; i++) await commitOne(i);
  const times = [];
  for (let i = 0; i < COMMITS; i++) {
    const t = performance.now();
    await commitOne(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function measureProcess(server) {
  const starts = [];
  for (let run = 0; run < START_RUNS; run++) {
    const { startMs, stop } = await launchServer(server);
    starts.push(startMs);
    await stop();
  }
  const { origin, stop } = await launchServer(server);
  try {
    return { start: median(starts), starts, ...(await commitLatencies(origin)) };
  } finally {
    await stop();
  }
}

/** The same engine started in this process through the built package's `startEmulator`. */
async function measureInProcess() {
  const { startEmulator } = await import(KINDLING_ENTRY);
  const starts = [];
  for (let run = 0; run < START_RUNS; run++) {
    const t = performance.now();
    const emu = await startEmulator({ port: 0 });
    await untilOk(`http://${emu.host}:${emu.port}/`);
    starts.push(performance.now() - t);
    await emu.stop();
  }
  const emu = await startEmulator({ port: 0 });
  try {
    return { start: median(starts), starts, ...(await commitLatencies(`http://${emu.host}:${emu.port}`)) };
  } finally {
    await emu.stop();
  }
}

const ms = (n) => (n === undefined ? '—' : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
const ratio = (official, ours) =>
  official === undefined || ours === undefined ? '—' : `${(official / ours).toFixed(1)}×`;

async function main() {
  const results = {};
  for (const [key, server] of Object.entries(servers)) {
    if (!server.available()) {
      console.log(`bench: ${server.label} not found; its column is skipped`);
      continue;
    }
    process.stderr.write(`bench: measuring ${server.label}…\n`);
    results[key] = await measureProcess(server);
  }
  if (existsSync(KINDLING_ENTRY)) {
    process.stderr.write('bench: measuring kindling in-process…\n');
    results.inProcess = await measureInProcess();
  }
  const { official: o, kindling: k, inProcess: p } = results;
  const rows = [
    ['', 'official', 'kindling CLI', 'official/kindling', 'kindling in-process'],
    [
      `start to first answer (median of ${START_RUNS})`,
      ms(o?.start),
      ms(k?.start),
      ratio(o?.start, k?.start),
      ms(p?.start),
    ],
    [`commit p50 (${COMMITS} sequential)`, ms(o?.p50), ms(k?.p50), ratio(o?.p50, k?.p50), ms(p?.p50)],
    [`commit p99 (${COMMITS} sequential)`, ms(o?.p99), ms(k?.p99), ratio(o?.p99, k?.p99), ms(p?.p99)],
  ];
  printTable(rows);
  console.log(
    `node ${process.version}; start runs: ${JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.starts.map((s) => Math.round(s))])))}`,
  );
}

main()
  .then(() => runListenBench())
  .then(() => runRulesBench())
  .then(() => runRuleRechecksBench())
  .then(() => runQueriesBench())
  .then(() => {
    const { status } = spawnSync(process.execPath, [`${ROOT}bench/testing-startup.mjs`], {
      stdio: 'inherit',
    });
    if (status !== 0) throw new Error(`bench/testing-startup.mjs exited with ${status}`);
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
