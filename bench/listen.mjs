#!/usr/bin/env node
// Realtime fan-out (run by `pnpm bench` after run.mjs, or alone: `node bench/listen.mjs` after a build).
//   (a) one writer, N listeners on one query over N sockets (raw protocol clients: hello + listen), N = 100 and
//       1,000: write-to-delivery latency (writer's stamp in the document → the listener has the write's
//       snapshot marker) p50/p99 over sequential writes, and delivered frames/s over a burst of pipelined
//       writes; side by side with a raw `ws` broadcast server sending the same bytes (a captured Kindling
//       document frame + marker, restamped per write) to the same number of sockets;
//   (b) the cost of one commit with 10,000 unrelated targets registered vs none;
//   (c) the server's RSS per idle target.
// Process layout, the same for both columns: the server (Kindling CLI or raw-broadcast.mjs) in one child
// process, the N listener sockets in another (listeners.mjs, a fresh one per run), the writer here. Times come
// from one machine-wide monotonic clock (clockNs), so stamps cross processes. All children are killed by PID.
// Numbers and ratios are printed against the targets, never asserted.
import { existsSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  clockNs,
  cpuMsOf,
  DATABASE,
  freePort,
  HOST,
  KINDLING_CLI,
  kindlingSocket,
  median,
  open,
  PROJECT,
  printTable,
  rssOf,
  spawnTracked,
  untilOk,
} from './lib.mjs';

const FANOUT = (process.env.BENCH_LISTENERS ?? '100,1000').split(',').map(Number);
const LATENCY_WRITES = Number(process.env.BENCH_LATENCY_WRITES ?? 100);
const WARMUP_WRITES = Number(process.env.BENCH_WARMUP_WRITES ?? 30);
const BURST_WRITES = Number(process.env.BENCH_BURST_WRITES ?? 100);
const UNRELATED_TARGETS = Number(process.env.BENCH_UNRELATED_TARGETS ?? 10_000);
const TARGETS_PER_SOCKET = 100;
const COST_ROUNDS = Number(process.env.BENCH_COST_ROUNDS ?? 3);
const SOLO_COMMITS = Number(process.env.BENCH_SOLO_COMMITS ?? 300);
const WAIT_MS = 30_000;
const RAW_SERVER = fileURLToPath(new URL('./raw-broadcast.mjs', import.meta.url));
const LISTENERS = fileURLToPath(new URL('./listeners.mjs', import.meta.url));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`bench listen: ${what} timed out`)), WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The listener process (bench/listeners.mjs), forked with an IPC channel: `call` sends a command and waits. */
function startListeners() {
  const { child, stop } = spawnTracked(process.execPath, [LISTENERS], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies = new Map();
  const deliveries = new Map();
  let sample;
  let nextId = 1;
  child.on('message', (message) => {
    if (message.type === 'reply') {
      replies.get(message.id)?.(message);
      replies.delete(message.id);
    } else if (message.type === 'delivered') {
      deliveries.get(message.i)?.(BigInt(message.at));
      deliveries.delete(message.i);
    } else if (message.type === 'sample') sample = message.frames;
  });
  return {
    pid: child.pid,
    async call(cmd, args = {}) {
      const id = nextId++;
      const answer = new Promise((resolve) => replies.set(id, resolve));
      child.send({ cmd, id, ...args });
      const message = await withTimeout(answer, cmd);
      if (message.error) throw new Error(message.error);
      return message;
    },
    /** Resolves with the shared-clock time at which the last of the N listeners had write i. */
    delivered(i) {
      return withTimeout(new Promise((resolve) => deliveries.set(i, resolve)), `delivery of write ${i}`);
    },
    sample: () => sample,
    stop,
  };
}

const commitBody = (collection, i, stamp) => ({
  writes: [
    {
      update: {
        name: `${DATABASE}/documents/${collection}/doc`,
        fields: {
          i: { integerValue: String(i) },
          t: { integerValue: String(stamp) },
          s: { stringValue: 'hello world' },
        },
      },
    },
  ],
});

/**
 * One fan-out run against a fresh listener process. `deliver(i)` makes write i happen (stamped with the shared
 * clock by the writer, here). Latency: sequential writes, each waiting until every listener has it; the
 * listener process measures stamp → marker per listener. Throughput: a burst of pipelined writes; elapsed =
 * burst start (writer) → last listener has the last write (listener process), on the same clock.
 */
async function fanout(listeners, deliver, serverPid) {
  const cpu = () => [cpuMsOf(serverPid), cpuMsOf(listeners.pid)];
  const sequential = async (first, count) => {
    for (let i = first; i < first + count; i++) {
      const done = listeners.delivered(i);
      deliver(i);
      await done;
    }
  };
  await sequential(0, WARMUP_WRITES);
  await listeners.call('reset');
  const before = cpu();
  await sequential(1_000, LATENCY_WRITES);
  const after = cpu();
  const latency = await listeners.call('stats');
  latency.serverCpu = (after[0] - before[0]) / LATENCY_WRITES;
  latency.listenerCpu = (after[1] - before[1]) / LATENCY_WRITES;
  await listeners.call('reset');
  const first = 100_000;
  const last = first + BURST_WRITES - 1;
  const done = listeners.delivered(last);
  const start = clockNs();
  for (let i = first; i <= last; i++) deliver(i);
  const seconds = Number((await done) - start) / 1e9;
  const { frames } = await listeners.call('stats');
  return { latency, throughput: { framesPerSecond: frames / seconds, frames, seconds } };
}

/** Kindling: N listeners on one query; returns the measures and one write's frames as a listener got them. */
async function kindlingFanout({ origin, pid }, n, run) {
  const collection = `fan${n}_${run}`;
  const writer = await kindlingSocket(origin);
  await writer.request('commit', commitBody(collection, -1, clockNs()));
  const listeners = startListeners();
  try {
    await listeners.call('open', { mode: 'kindling', url: origin, count: n, collection });
    const deliver = (i) => writer.request('commit', commitBody(collection, i, clockNs()));
    const result = await fanout(listeners, deliver, pid);
    await listeners.call('close');
    return { ...result, frames: listeners.sample() };
  } finally {
    writer.socket.close();
    await listeners.stop();
  }
}

/** Raw ws: the writer sends a write's frames (stamped the same way); the server sends them to every other socket. */
async function rawFanout({ url, pid }, n, frames) {
  const listeners = startListeners();
  const writer = await open(url);
  try {
    await listeners.call('open', { mode: 'raw', url, count: n });
    // Every socket must be registered before the first broadcast.
    writer.send('"sync"');
    await new Promise((resolve) => writer.once('message', resolve));
    const [docTemplate, markerTemplate] = frames;
    const deliver = (i) =>
      writer.send(
        JSON.stringify([
          docTemplate
            .replace(/"i":\{"integerValue":"-?\d+"\}/, `"i":{"integerValue":"${i}"}`)
            .replace(/"t":\{"integerValue":"\d+"\}/, `"t":{"integerValue":"${clockNs()}"}`),
          markerTemplate,
        ]),
      );
    const result = await fanout(listeners, deliver, pid);
    await listeners.call('close');
    return result;
  } finally {
    writer.close();
    await listeners.stop();
  }
}

/**
 * With `collectGarbage`, the server runs a full GC every 100 ms (a preloaded timer), so RSS follows live
 * memory closely enough to compare two moments.
 */
async function startKindling({ collectGarbage = false } = {}) {
  const port = await freePort();
  const gcFlags = collectGarbage
    ? ['--expose-gc', '--import', 'data:text/javascript,setInterval(() => globalThis.gc(), 100).unref()']
    : [];
  const { child, stop } = spawnTracked(process.execPath, [
    ...gcFlags,
    KINDLING_CLI,
    '--host',
    HOST,
    '--port',
    String(port),
    '--project',
    PROJECT,
    '--max-subscriptions-per-client',
    String(Math.max(TARGETS_PER_SOCKET, 1000)),
    '--heartbeat-interval',
    '0',
    '--connection-timeout',
    '0',
  ]);
  const origin = `http://${HOST}:${port}`;
  await untilOk(`${origin}/`, child);
  return { origin, pid: child.pid, stop };
}

async function startRaw() {
  const port = await freePort();
  const { child, stop } = spawnTracked(process.execPath, [RAW_SERVER, HOST, String(port)]);
  await untilOk(`http://${HOST}:${port}/`, child);
  return { url: `ws://${HOST}:${port}`, pid: child.pid, stop };
}

/** Mean and median of sequential one-document commits to a collection nobody listens to. */
async function soloCommits(origin, collection) {
  const writer = await kindlingSocket(origin);
  for (let i = 0; i < 300; i++) await writer.request('commit', commitBody(collection, i, clockNs()));
  const times = [];
  for (let i = 0; i < SOLO_COMMITS; i++) {
    const t = performance.now();
    await writer.request('commit', commitBody(collection, i, clockNs()));
    times.push(performance.now() - t);
  }
  writer.socket.close();
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: median(times) };
}

/** Registers UNRELATED_TARGETS query targets (empty collections, TARGETS_PER_SOCKET per socket). */
async function registerUnrelated(origin) {
  const sockets = await Promise.all(
    Array.from({ length: Math.ceil(UNRELATED_TARGETS / TARGETS_PER_SOCKET) }, () => kindlingSocket(origin)),
  );
  let registered = 0;
  await Promise.all(
    sockets.map(
      (s, socketIndex) =>
        new Promise((resolve) => {
          let wanted = 0;
          let current = 0;
          s.onListen = (frame) => {
            if (frame.response.targetChange?.targetChangeType === 'CURRENT' && ++current === wanted)
              resolve();
          };
          for (; wanted < TARGETS_PER_SOCKET && registered < UNRELATED_TARGETS; wanted++, registered++)
            s.listen(wanted + 1, `unrelated${socketIndex}_${wanted}`);
          if (wanted === 0) resolve();
        }),
    ),
  );
  const close = () => {
    for (const s of sockets) s.socket.close();
  };
  return { registered, close };
}

/**
 * Commit cost with none vs UNRELATED_TARGETS unrelated targets, on a server of its own: rounds alternate
 * (none, then with the targets registered, then closed again), and each side keeps the median of its rounds,
 * so drift on a busy machine (JIT warm-up, other processes) lands on both sides.
 */
async function unrelatedCommitCost() {
  const server = await startKindling();
  const rounds = { none: [], with: [] };
  let registered = 0;
  try {
    await soloCommits(server.origin, 'solo_warmup');
    for (let round = 0; round < COST_ROUNDS; round++) {
      rounds.none.push(await soloCommits(server.origin, `solo_none${round}`));
      const targets = await registerUnrelated(server.origin);
      registered = targets.registered;
      rounds.with.push(await soloCommits(server.origin, `solo_with${round}`));
      targets.close();
      await sleep(300);
    }
  } finally {
    await server.stop();
  }
  const summary = (list) => ({ mean: median(list.map((r) => r.mean)), p50: median(list.map((r) => r.p50)) });
  return { none: summary(rounds.none), withTargets: summary(rounds.with), registered };
}

/** Server RSS growth per registered idle target (sockets opened first, so only targets are counted). */
async function rssPerIdleTarget() {
  const server = await startKindling({ collectGarbage: true });
  try {
    const sockets = await Promise.all(
      Array.from({ length: Math.ceil(UNRELATED_TARGETS / TARGETS_PER_SOCKET) }, () =>
        kindlingSocket(server.origin),
      ),
    );
    await sleep(1_500);
    const before = rssOf(server.pid);
    for (const s of sockets) s.socket.close();
    // The same number of sockets again, now with the targets on them.
    const targets = await registerUnrelated(server.origin);
    await sleep(1_500);
    const after = rssOf(server.pid);
    targets.close();
    return { perTarget: (after - before) / targets.registered, before, after };
  } finally {
    await server.stop();
  }
}

function machine() {
  const list = cpus();
  return (
    `machine: ${list.length} × ${list[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `${platform()} ${release()}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; node ${process.version} (V8 ${process.versions.v8}); processes: server | ` +
    'listeners (listeners.mjs) | writer (this)'
  );
}

const ms = (n) => (n === undefined ? '—' : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
const perSecond = (n) => `${Math.round(n).toLocaleString('en-US')}/s`;

export async function runListenBench() {
  if (!existsSync(KINDLING_CLI)) {
    console.log(`bench listen: ${KINDLING_CLI} not built; skipped`);
    return;
  }
  const kindling = await startKindling();
  const raw = await startRaw();
  try {
    const rows = [
      [
        'listeners',
        'kindling p50',
        'p99',
        'raw ws p50',
        'p99',
        'p99 k/raw',
        'kindling frames',
        'raw ws frames',
        'burst k / raw',
        'raw/k time',
      ],
    ];
    const verdicts = [];
    const diagnostics = [
      [
        'per sequential write (median)',
        'first listener',
        'last listener',
        'max',
        'server CPU',
        'listener-process CPU',
      ],
    ];
    let run = 0;
    for (const n of FANOUT) {
      process.stderr.write(`bench listen: ${n} listeners…\n`);
      const k = await kindlingFanout(kindling, n, run++);
      const r = await rawFanout(raw, n, k.frames);
      for (const [name, { latency: l }] of [
        ['kindling', k],
        ['raw ws', r],
      ])
        diagnostics.push([
          `${n} ${name}`,
          ms(l.first),
          ms(l.last),
          ms(l.max),
          ms(l.serverCpu),
          ms(l.listenerCpu),
        ]);
      // Same work on both sides (every write's final state on every socket); Kindling may coalesce frames
      // for a busy socket, so the ratio compares the time to deliver the burst, not the frame counts.
      const ratio = r.throughput.seconds / k.throughput.seconds;
      rows.push([
        String(n),
        ms(k.latency.p50),
        ms(k.latency.p99),
        ms(r.latency.p50),
        ms(r.latency.p99),
        `${(k.latency.p99 / r.latency.p99).toFixed(2)}×`,
        perSecond(k.throughput.framesPerSecond),
        perSecond(r.throughput.framesPerSecond),
        `${ms(k.throughput.seconds * 1000)} / ${ms(r.throughput.seconds * 1000)}`,
        `${ratio.toFixed(2)}×`,
      ]);
      if (n === 1000) {
        verdicts.push(
          `p99 at 1,000 listeners: ${ms(k.latency.p99)} = ${(k.latency.p99 / 10).toFixed(2)}× the target (≤ 10 ms); raw ws ${ms(r.latency.p99)}`,
        );
        verdicts.push(`throughput vs raw ws at 1,000: ${ratio.toFixed(2)}× (target ≥ 0.5×)`);
      }
    }
    process.stderr.write(`bench listen: ${UNRELATED_TARGETS} unrelated targets…\n`);
    // Servers of their own, so memory and JIT state left over from the fan-out runs do not blur the figures.
    const u = await unrelatedCommitCost();
    const rss = await rssPerIdleTarget();
    printTable(rows);
    console.log(
      `(latency: ${LATENCY_WRITES} sequential writes × N listeners, writer's stamp → marker in the listener ` +
        `process; throughput: ${BURST_WRITES} pipelined writes, 2 frames per write per listener, raw/k time = ` +
        `raw ws burst time / kindling burst time)`,
    );
    printTable(diagnostics);
    console.log(machine());
    const costRatio = u.withTargets.p50 / u.none.p50;
    printTable([
      [`one commit, nobody listening to it (median of ${COST_ROUNDS} rounds)`, 'mean', 'p50'],
      ['no targets registered', ms(u.none.mean), ms(u.none.p50)],
      [
        `${u.registered.toLocaleString('en-US')} unrelated targets`,
        ms(u.withTargets.mean),
        ms(u.withTargets.p50),
      ],
    ]);
    verdicts.push(
      `commit cost with ${u.registered} unrelated targets: ${costRatio.toFixed(2)}× by p50, ` +
        `${(u.withTargets.mean / u.none.mean).toFixed(2)}× by mean (target ≤ 1.1×)`,
    );
    verdicts.push(
      `server RSS per idle target: ${(rss.perTarget / 1024).toFixed(2)} KiB ` +
        `(${(rss.before / 2 ** 20).toFixed(1)} MiB with ${UNRELATED_TARGETS / TARGETS_PER_SOCKET} idle sockets → ` +
        `${(rss.after / 2 ** 20).toFixed(1)} MiB with ${UNRELATED_TARGETS} targets on them)`,
    );
    for (const line of verdicts) console.log(line);
  } finally {
    await raw.stop();
    await kindling.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runListenBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
