import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { stripVTControlCharacters } from 'node:util';

/** A child process started for a test; always stopped by its own PID. */
export class Child {
  #output = '';
  #waiters = new Set<() => void>();

  private constructor(
    readonly process: ChildProcess,
    private readonly name: string,
  ) {
    const collect = (chunk: Buffer) => {
      this.#output += chunk.toString();
      for (const check of this.#waiters) check();
    };
    process.stdout!.on('data', collect);
    process.stderr!.on('data', collect);
    process.once('exit', () => {
      for (const check of this.#waiters) check();
    });
  }

  /** Starts `command` and resolves once its output matches `ready`. */
  static async start(
    command: string,
    args: string[],
    ready: RegExp,
    options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<{ child: Child; match: RegExpMatchArray }> {
    const proc = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = new Child(proc, [command, ...args].join(' '));
    try {
      return { child, match: await child.waitFor(ready) };
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  /**
   * Everything the child wrote so far (stdout and stderr interleaved), without colours: tools colour their output
   * when `CI` is set (vite bolds the port in its URL), and a sequence may be split across chunks.
   */
  get output(): string {
    return stripVTControlCharacters(this.#output);
  }

  /**
   * Resolves with the first match of `pattern` in the output (so far or to come); rejects with the output when
   * the process exits without it or `timeoutMs` passes.
   */
  waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      const check = () => {
        const match = this.output.match(pattern);
        if (match) finish(() => resolve(match));
        else if (this.exited) finish(() => reject(this.failure(`exited without printing ${pattern}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(this.failure(`printed no ${pattern} within ${timeoutMs} ms`))),
        timeoutMs,
      );
      this.#waiters.add(check);
      check();
    });
  }

  get exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  /** Sends `signal` by PID (SIGKILL after 5 s if it lingers) and resolves once the process has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.exited) return;
    const exited = once(this.process, 'exit');
    this.process.kill(signal);
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private failure(what: string): Error {
    return new Error(`${this.name} ${what}; its output:\n${this.output}`);
  }
}
