import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION, type ServerFrame } from '@kindling/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const hello = { type: 'hello', version: PROTOCOL_VERSION, database: 'projects/demo-cli/databases/(default)' };

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/kindling-emulator.js', import.meta.url));
const children: ChildProcess[] = [];

beforeAll(() => {
  // The bin runs the compiled output.
  execFileSync(
    process.execPath,
    [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-b', packageDir],
    { stdio: 'inherit' },
  );
});

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const REALTIME_ENV = [
  'HEARTBEAT_INTERVAL',
  'CONNECTION_TIMEOUT',
  'MAX_SUBSCRIPTIONS_PER_CLIENT',
  'EVENT_BUFFER_SIZE',
  'CLEANUP_INTERVAL',
  'MAX_BUFFERED_BYTES',
];
/** This process's environment without the realtime variables, plus `extra`. */
function environment(extra: Record<string, string>) {
  const env = { ...process.env };
  for (const name of REALTIME_ENV) delete env[name];
  return { ...env, ...extra };
}

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: environment(env),
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const line = stdout.split('\n').find((l) => l.startsWith('Kindling emulator ready at '));
      if (line) resolve(line);
    });
    child.on('exit', () => reject(new Error(`exited before ready: ${stderr}`)));
  });
  ready.catch(() => {}); // tests of refused flags never await it
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('kindling-emulator', () => {
  it('prints the address when ready, serves it, and exits 0 on SIGTERM', async () => {
    const emu = run(['--port', '0', '--project', 'demo-cli']);
    const line = await emu.ready;
    const match = /^Kindling emulator ready at (http:\/\/127\.0\.0\.1:(\d+)) \(project demo-cli\)$/.exec(
      line,
    );
    expect(match).not.toBeNull();
    expect(await (await fetch(`${match![1]}/`)).text()).toBe('Ok');
    process.kill(emu.child.pid!, 'SIGTERM');
    expect(await emu.exited).toBe(0);
  });

  it('exits 0 on SIGINT', async () => {
    const emu = run(['--port', '0']);
    await emu.ready;
    process.kill(emu.child.pid!, 'SIGINT');
    expect(await emu.exited).toBe(0);
  });

  it('refuses unknown flags and bad ports with a message and exit code 2', async () => {
    const bogus = run(['--bogus']);
    expect(await bogus.exited).toBe(2);
    expect(bogus.output().stderr).toMatch(/Unknown option '--bogus'/);
    const badPort = run(['--port', '70000']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.output().stderr).toMatch(/--port must be an integer from 0 to 65535/);
  });

  const DURATION = 'a duration such as 500ms, 30s, 2m or 1h (a plain number is milliseconds)';

  it('refuses a bad realtime flag or variable with exit code 2, naming it', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['--heartbeat-interval', 'abc'], {}, `--heartbeat-interval must be ${DURATION}, got "abc"`],
      [['--connection-timeout=-1s'], {}, `--connection-timeout must be ${DURATION}, got "-1s"`],
      [['--cleanup-interval', '1.5.s'], {}, `--cleanup-interval must be ${DURATION}, got "1.5.s"`],
      [
        ['--max-subscriptions-per-client', '0'],
        {},
        '--max-subscriptions-per-client must be a positive integer, got "0"',
      ],
      [['--event-buffer-size', 'x'], {}, '--event-buffer-size must be a positive integer, got "x"'],
      [
        ['--max-buffered-bytes', '1GB'],
        {},
        '--max-buffered-bytes must be a positive number of bytes such as 1048576, 512KiB or 8MiB, got "1GB"',
      ],
      [[], { HEARTBEAT_INTERVAL: '' }, `HEARTBEAT_INTERVAL must be ${DURATION}, got ""`],
      [[], { CONNECTION_TIMEOUT: '5 s' }, `CONNECTION_TIMEOUT must be ${DURATION}, got "5 s"`],
      [
        [],
        { MAX_SUBSCRIPTIONS_PER_CLIENT: '-3' },
        'MAX_SUBSCRIPTIONS_PER_CLIENT must be a positive integer, got "-3"',
      ],
      [[], { EVENT_BUFFER_SIZE: '2.5' }, 'EVENT_BUFFER_SIZE must be a positive integer, got "2.5"'],
      [[], { CLEANUP_INTERVAL: 'never' }, `CLEANUP_INTERVAL must be ${DURATION}, got "never"`],
      [
        [],
        { MAX_BUFFERED_BYTES: '0' },
        'MAX_BUFFERED_BYTES must be a positive number of bytes such as 1048576, 512KiB or 8MiB, got "0"',
      ],
    ];
    await Promise.all(
      cases.map(async ([args, env, message]) => {
        const emu = run(['--port', '0', ...args], env);
        expect(await emu.exited).toBe(2);
        expect(emu.output().stderr.split('\n')[0]).toBe(`kindling-emulator: ${message}`);
      }),
    );
  });

  it('takes realtime flags over the environment over the defaults', async () => {
    const welcome = async (args: string[], env: Record<string, string>) => {
      const emu = run(['--port', '0', ...args], env);
      const url = /ready at http:\/\/([^ ]+)/.exec(await emu.ready)![1];
      const ws = new WebSocket(`ws://${url}/kindling`);
      const frame = await new Promise<ServerFrame>((resolve, reject) => {
        ws.once('open', () => ws.send(JSON.stringify(hello)));
        ws.once('message', (data) => resolve(JSON.parse(String(data))));
        ws.once('error', reject);
      });
      const closed = new Promise<number>((resolve) => ws.once('close', resolve));
      return { frame, closed, emu };
    };
    expect((await welcome([], {})).frame).toMatchObject({ type: 'welcome', heartbeatIntervalMs: 30_000 });
    expect((await welcome([], { HEARTBEAT_INTERVAL: '2m' })).frame).toMatchObject({
      heartbeatIntervalMs: 120_000,
    });
    const both = await welcome(['--heartbeat-interval', '1500ms', '--connection-timeout', '200'], {
      HEARTBEAT_INTERVAL: '2m',
      CONNECTION_TIMEOUT: '1h',
    });
    expect(both.frame).toMatchObject({ heartbeatIntervalMs: 1500 });
    // The client stays silent: the 200 ms flag, not the hour from the environment, closes it.
    expect(await both.closed).toBe(1001);
    process.kill(both.emu.child.pid!, 'SIGTERM');
    expect(await both.emu.exited).toBe(0);
  });
});

describe('kindling-emulator --rules', () => {
  const rules = (condition: string) => `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /{document=**} {
      allow read, write: if ${condition};
    }
  }
}`;

  async function until(condition: () => Promise<boolean> | boolean) {
    for (let i = 0; i < 200; i++) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('condition never held');
  }

  it('says when no rules are loaded: every request is allowed', async () => {
    const emu = run(['--port', '0']);
    await emu.ready;
    expect(emu.output().stdout).toContain('no security rules: every request is allowed');
    process.kill(emu.child.pid!, 'SIGTERM');
    expect(await emu.exited).toBe(0);
  });

  it('enforces the file, reloads it when it changes, and keeps the rules when an edit does not compile', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kindling-rules-')), 'firestore.rules');
    writeFileSync(file, rules('false'));
    const emu = run(['--port', '0', '--rules', file]);
    const url = /ready at (http:\/\/[^ ]+)/.exec(await emu.ready)![1];
    expect(emu.output().stdout).toContain(`Security rules loaded from ${file}`);
    const write = async () =>
      (
        await fetch(`${url}/v1/projects/demo-cli/databases/(default)/documents/c/d`, {
          method: 'PATCH',
          body: JSON.stringify({ fields: {} }),
        })
      ).status;
    expect(await write()).toBe(403);

    writeFileSync(file, rules('true'));
    await until(async () => (await write()) === 200);
    expect(emu.output().stdout).toContain(`Reloaded security rules from ${file}`);

    writeFileSync(file, rules('true &&'));
    await until(() => emu.output().stderr.includes('keeping the previous rules'));
    expect(emu.output().stderr).toMatch(
      /not loaded, keeping the previous rules:\nError compiling rules:\nL\d+:\d+ /,
    );
    expect(await write()).toBe(200);
    process.kill(emu.child.pid!, 'SIGTERM');
    expect(await emu.exited).toBe(0);
  });

  it('refuses to start on a rules file that does not compile or cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindling-rules-'));
    const broken = join(dir, 'broken.rules');
    writeFileSync(broken, 'service cloud.firestore {');
    const emu = run(['--port', '0', '--rules', broken]);
    expect(await emu.exited).toBe(1);
    expect(emu.output().stderr).toMatch(
      /^kindling-emulator: cannot start: .*broken\.rules: Error compiling rules:\nL1:/,
    );
    const missing = run(['--port', '0', '--rules', join(dir, 'none.rules')]);
    expect(await missing.exited).toBe(2);
    expect(missing.output().stderr).toMatch(/cannot read --rules .*none\.rules/);
  });
});
