import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/node/cli.js', import.meta.url));
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

function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
});
