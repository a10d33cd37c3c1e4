import { fileURLToPath } from 'node:url';
import { Child } from './processes.js';

const cli = fileURLToPath(new URL('../../packages/emulator/bin/kindling-emulator.js', import.meta.url));

/** The example app's default project. */
export const PROJECT_ID = 'demo-kindling';
const DOCUMENTS = `projects/${PROJECT_ID}/databases/(default)/documents`;

export type Fields = Record<string, string | number | boolean>;

/** The Kindling emulator CLI (built: `pnpm build`) as a child process on 127.0.0.1, in memory. */
export class EmulatorProcess {
  private constructor(
    private child: Child,
    readonly port: number,
    private readonly rules: string | undefined,
  ) {}

  /** Starts on a free port, with a security rules file (`--rules`) if given. */
  static async start(options: { rules?: string } = {}): Promise<EmulatorProcess> {
    const { child, port } = await launch(0, options.rules);
    return new EmulatorProcess(child, port, options.rules);
  }

  /** `host:port`, as the app's `?emulator=` parameter and FIRESTORE_EMULATOR_HOST take it. */
  get hostPort(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Kills the process as a crash would (SIGKILL): connections are cut, the in-memory data is gone. */
  crash(): Promise<void> {
    return this.child.stop('SIGKILL');
  }

  /** A new emulator process on the same port (empty, as the emulator keeps data in memory). */
  async restart(): Promise<void> {
    await this.child.stop();
    this.child = (await launch(this.port, this.rules)).child;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  /** Replaces the security rules through the admin endpoint the official emulator also has. */
  async setRules(source: string): Promise<void> {
    const response = await fetch(`http://${this.hostPort}/emulator/v1/projects/${PROJECT_ID}:securityRules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: { files: [{ name: 'firestore.rules', content: source }] } }),
    });
    if (!response.ok) throw new Error(`PUT rules: ${response.status} ${await response.text()}`);
  }

  /** Writes a document straight to the emulator over REST with admin rights (rules do not apply). */
  async setDocument(path: string, fields: Fields): Promise<void> {
    const response = await fetch(`http://${this.hostPort}/v1/${DOCUMENTS}/${path}`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
      body: JSON.stringify({
        fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, toValue(v)])),
      }),
    });
    if (!response.ok) throw new Error(`PATCH ${path}: ${response.status} ${await response.text()}`);
  }
}

async function launch(port: number, rules: string | undefined): Promise<{ child: Child; port: number }> {
  const args = [cli, '--host', '127.0.0.1', '--port', String(port), '--project', PROJECT_ID];
  if (rules) args.push('--rules', rules);
  const { child, match } = await Child.start(process.execPath, args, /ready at http:\/\/[^:]+:(\d+)/);
  return { child, port: Number(match[1]) };
}

function toValue(value: string | number | boolean): Record<string, unknown> {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { booleanValue: value };
  return Number.isInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
}
