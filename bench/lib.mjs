// Helpers the bench scripts share: free ports, spawning servers (killed by PID), readiness, percentiles.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const HOST = '127.0.0.1';
export const KINDLING_CLI = `${ROOT}packages/emulator/bin/kindling-emulator.js`;

export const OFFICIAL_JAR =
  process.env.FIRESTORE_EMULATOR_JAR ??
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';

/** The two servers every side-by-side bench starts: `command(port)` gives spawnTracked's arguments. */
export function emulatorServers(project) {
  return {
    official: {
      label: 'official emulator',
      available: () => existsSync(OFFICIAL_JAR),
      command: (port) => [
        'java',
        [
          '-cp',
          OFFICIAL_JAR,
          'com.google.cloud.datastore.emulator.firestore.CloudFirestore',
          '--host',
          HOST,
          '--port',
          String(port),
          '--project_id',
          project,
        ],
      ],
    },
    kindling: {
      label: 'kindling (CLI)',
      available: () => existsSync(KINDLING_CLI),
      command: (port) => [
        process.execPath,
        [KINDLING_CLI, '--host', HOST, '--port', String(port), '--project', project],
      ],
    },
  };
}

/** `ws` as the emulator package depends on it (the root has no dependencies of its own). */
export const { WebSocket, WebSocketServer } = createRequire(`${ROOT}packages/emulator/package.json`)('ws');

export const PROJECT = 'demo-bench';
export const DATABASE = `projects/${PROJECT}/databases/(default)`;

/**
 * The shared clock of the fan-out bench: CLOCK_MONOTONIC in nanoseconds (libuv's hrtime), one clock for every
 * process on the machine, so a stamp taken by the writer process can be compared in the listener process.
 */
export const clockNs = () => process.hrtime.bigint();

const children = new Set();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function untilOk(url, child, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()).trim() === 'Ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

/** Spawns a process; `stop()` sends SIGTERM to its PID (SIGKILL after 5 s) and waits for the exit. */
export function spawnTracked(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'ignore', ...options });
  children.add(child);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      const force = setTimeout(() => child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    }
    children.delete(child);
  };
  return { child, stop };
}

/**
 * Starts one of `emulatorServers()` on a free port: resolves once `GET /` answers Ok, with its origin, the ms
 * that took, and `stop()` (kills it by PID). A server that fails to come up is stopped before the rejection.
 */
export async function launchServer(server) {
  const port = await freePort();
  const [command, args] = server.command(port);
  const started = performance.now();
  const { child, stop } = spawnTracked(command, args);
  const origin = `http://${HOST}:${port}`;
  try {
    await untilOk(`${origin}/`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, child, startMs: performance.now() - started, stop };
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssOf(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** CPU time (user + system) a process has used, in ms (Linux /proc, USER_HZ = 100). */
export function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c])))
        .join('  '),
    );
}

export function open(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Opens sockets 200 at a time (a thousand SYNs at once overflow the accept backlog). */
export async function openMany(count, openOne) {
  const sockets = [];
  while (sockets.length < count) {
    const batch = Math.min(200, count - sockets.length);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, openOne))));
  }
  return sockets;
}

/**
 * A Kindling protocol connection: hello/welcome, then requests by id and listen frames
 * (`onListen(frame, data)` gets every `listen` frame, parsed and as sent).
 */
export async function kindlingSocket(origin) {
  const socket = await open(`${origin.replace('http', 'ws')}/kindling`);
  const pending = new Map();
  let nextId = 1;
  let onListen = () => {};
  const welcomed = new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(data);
      if (frame.type === 'welcome') resolve();
      else if (frame.type === 'listen') onListen(frame, data);
      else if (frame.type === 'response' || frame.type === 'error') {
        const waiter = pending.get(frame.id);
        pending.delete(frame.id);
        if (frame.type === 'error') waiter?.reject(new Error(frame.error.message));
        else waiter?.resolve(frame.body);
      } else if (frame.type === 'ping') socket.send('{"type":"pong"}');
    });
    socket.once('close', () => reject(new Error('closed before welcome')));
  });
  socket.send(JSON.stringify({ type: 'hello', version: 1, database: DATABASE }));
  await welcomed;
  return {
    socket,
    request(method, body) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ type: 'request', id, method, body }));
      });
    },
    listen(targetId, collectionId) {
      socket.send(
        JSON.stringify({
          type: 'listen',
          addTarget: {
            targetId,
            query: { parent: `${DATABASE}/documents`, structuredQuery: { from: [{ collectionId }] } },
          },
        }),
      );
    },
    set onListen(handler) {
      onListen = handler;
    },
  };
}
