#!/usr/bin/env node
// Queries in a database that holds more than they read (run by `pnpm bench` after rule-rechecks.mjs, or alone:
// `node bench/queries.mjs` after a build): DOCS documents in `events` and 10 in `rooms`, seeded over REST in
// commits of 500, then sequential REST `:runQuery`s after a warm-up on the official emulator and the Kindling
// CLI in the same run. Every process is killed by its PID. Numbers and ratios are printed, never asserted.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { emulatorServers, launchServer, PROJECT, percentile, printTable } from './lib.mjs';

const DOCS = Number(process.env.BENCH_QUERY_DOCS ?? 20_000);
const RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 50);
const WARMUP = 5;
const DOCUMENTS = `projects/${PROJECT}/databases/(default)/documents`;
const OWNER = { authorization: 'Bearer owner' };

const queries = {
  'rooms (10 documents), all': { from: [{ collectionId: 'rooms' }] },
  [`events (${DOCS}), newest 20 by n`]: {
    from: [{ collectionId: 'events' }],
    orderBy: [{ field: { fieldPath: 'n' }, direction: 'DESCENDING' }],
    limit: 20,
  },
  [`events (${DOCS}), kind == 'rare', first 20`]: {
    from: [{ collectionId: 'events' }],
    where: { fieldFilter: { field: { fieldPath: 'kind' }, op: 'EQUAL', value: { stringValue: 'rare' } } },
    limit: 20,
  },
};

async function post(origin, verb, body) {
  const response = await fetch(`${origin}/v1/${DOCUMENTS}:${verb}`, {
    method: 'POST',
    headers: OWNER,
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`bench queries: ${verb} answered HTTP ${response.status} ${text}`);
  return JSON.parse(text);
}

async function seed(origin) {
  const write = (collection, id, fields) => ({
    update: { name: `${DOCUMENTS}/${collection}/${id}`, fields },
  });
  for (let from = 0; from < DOCS; from += 500) {
    const writes = [];
    for (let n = from; n < Math.min(from + 500, DOCS); n++) {
      const kind = n % 1000 === 0 ? 'rare' : 'common';
      writes.push(write('events', `e${n}`, { n: { integerValue: String(n) }, kind: { stringValue: kind } }));
    }
    await post(origin, 'commit', { writes });
  }
  const rooms = Array.from({ length: 10 }, (_, i) =>
    write('rooms', `r${i}`, { i: { integerValue: String(i) } }),
  );
  await post(origin, 'commit', { writes: rooms });
}

async function measure(server) {
  const { origin, stop } = await launchServer(server);
  try {
    await seed(origin);
    const results = {};
    for (const [label, structuredQuery] of Object.entries(queries)) {
      const times = [];
      let rows = 0;
      for (let run = 0; run < WARMUP + RUNS; run++) {
        const started = performance.now();
        rows = (await post(origin, 'runQuery', { structuredQuery })).filter((r) => r.document).length;
        if (run >= WARMUP) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      results[label] = { p50: percentile(times, 50), p99: percentile(times, 99), rows };
    }
    return results;
  } finally {
    await stop();
  }
}

export async function runQueriesBench() {
  const measured = {};
  for (const [key, server] of Object.entries(emulatorServers(PROJECT))) {
    if (!server.available()) {
      console.log(`bench queries: ${server.label} not found; its column is skipped`);
      continue;
    }
    process.stderr.write(`bench: queries on ${server.label}…\n`);
    measured[key] = await measure(server);
  }
  const { official: o, kindling: k } = measured;
  const ms = (n) => (n === undefined ? '—' : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
  const rows = [['query p50 / p99 (rows)', 'official emulator', 'Kindling CLI', 'official / Kindling p50']];
  for (const label of Object.keys(queries)) {
    const a = o?.[label];
    const b = k?.[label];
    rows.push([
      `${label} (${b?.rows ?? a?.rows})`,
      a ? `${ms(a.p50)} / ${ms(a.p99)}` : '—',
      b ? `${ms(b.p50)} / ${ms(b.p99)}` : '—',
      a && b ? `${(a.p50 / b.p50).toFixed(1)}×` : '—',
    ]);
  }
  printTable(rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runQueriesBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
