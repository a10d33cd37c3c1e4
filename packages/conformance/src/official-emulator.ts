import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const OFFICIAL_EMULATOR_JAR =
  process.env.FIRESTORE_EMULATOR_JAR ??
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';

const MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';

export interface RunningServer {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Asks the OS for a port nobody listens on (the JVM emulator cannot be told to pick one itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Polls `GET /` until the server answers `Ok`, as the Firebase tools do. */
export async function waitUntilReady(
  url: string,
  isAlive: () => boolean,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`server at ${url} exited before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()).trim() === 'Ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`server at ${url} not ready after ${timeoutMs} ms`);
}

export function killByPid(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const forced = setTimeout(
    () => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
    5_000,
  );
  return exited.finally(() => clearTimeout(forced));
}

/** Starts the official Firestore emulator, or returns null when its jar is not installed. */
export async function startOfficialEmulator(projectId: string): Promise<RunningServer | null> {
  if (!existsSync(OFFICIAL_EMULATOR_JAR)) return null;
  // The port is free when chosen but the JVM binds it a second later: another test file may take it first, and
  // the JVM then exits. A fresh port fixes that; any other early exit fails the same way each time.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(projectId);
    } catch (error) {
      if (!(error instanceof EarlyExit) || attempt === 3) throw error;
    }
  }
}

class EarlyExit extends Error {}

async function launch(projectId: string): Promise<RunningServer> {
  const host = '127.0.0.1';
  const port = await freePort();
  const child = spawn(
    'java',
    [
      '-cp',
      OFFICIAL_EMULATOR_JAR,
      MAIN_CLASS,
      '--host',
      host,
      '--port',
      String(port),
      '--project_id',
      projectId,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // The end of its stderr says why it stopped, should it stop before it is ready.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  // A test worker that dies without running its teardown must not leave a JVM behind.
  const killOnExit = () =>
    child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await killByPid(child);
  };
  try {
    await waitUntilReady(`http://${host}:${port}/`, () => child.exitCode === null);
  } catch (error) {
    const exited = child.exitCode !== null;
    await stop();
    if (exited) throw new EarlyExit(`${(error as Error).message}; its stderr ended with:\n${stderr}`);
    throw error;
  }
  return { host, port, stop };
}
