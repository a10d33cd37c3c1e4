/**
 * `@firebase/rules-unit-testing`'s Firestore API over `@kindling/client`: a test environment that loads rules
 * into a running emulator (Kindling or the official one: both serve the same admin endpoints) and hands out
 * contexts whose `firestore()` is a `@kindling/client` Firestore signed in as a mock user, signed out, or as
 * the emulators' `owner` (rules bypassed).
 */
import {
  connectFirestoreEmulator,
  type EmulatorMockTokenOptions,
  type Firestore,
  getFirestore,
  initializeApp,
  terminate,
} from '@kindling/client';

export interface HostAndPort {
  host: string;
  port: number;
}

export interface TestEnvironmentConfig {
  /** Default: the GCLOUD_PROJECT environment variable. */
  projectId?: string;
  firestore?: {
    /** Loaded with `PUT /emulator/v1/projects/{projectId}:securityRules`; omitted: the rules in force stay. */
    rules?: string;
    /** Host and port default to the FIRESTORE_EMULATOR_HOST environment variable (`host:port`). */
    host?: string;
    port?: number;
  };
}

/** Extra claims of an authenticated context's token (`sub` and `user_id` are the uid). */
export type TokenOptions = Omit<EmulatorMockTokenOptions, 'sub' | 'user_id' | 'uid'>;

export interface RulesTestContext {
  /** The context's Firestore, connected to the emulator with its token; the same instance on every call. */
  firestore(): Firestore;
}

export interface RulesTestEnvironment {
  readonly projectId: string;
  readonly emulators: { firestore: HostAndPort };
  authenticatedContext(uid: string, tokenOptions?: TokenOptions): RulesTestContext;
  unauthenticatedContext(): RulesTestContext;
  /** Runs `callback` with a context that bypasses rules (the `owner` token); the context ends with it. */
  withSecurityRulesDisabled(callback: (context: RulesTestContext) => Promise<unknown>): Promise<void>;
  /** Deletes every document of the project's default database. */
  clearFirestore(): Promise<void>;
  /** Terminates every context's Firestore; the environment and its contexts are unusable afterwards. */
  cleanup(): Promise<void>;
}

/** The token a context connects with: claims for a mock user, `owner`, or none. */
type ContextToken = EmulatorMockTokenOptions | 'owner' | null;

const environmentVariable = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

function firestoreEmulatorOf(config: TestEnvironmentConfig): HostAndPort {
  const { host, port } = config.firestore ?? {};
  if (host !== undefined && port !== undefined) return { host, port };
  const fromEnvironment = environmentVariable('FIRESTORE_EMULATOR_HOST');
  const match = fromEnvironment === undefined ? null : /^(.*):(\d+)$/.exec(fromEnvironment);
  if (!match) {
    throw new Error(
      'The host and port of the Firestore emulator must be given: initializeTestEnvironment({ firestore: ' +
        '{ host, port } }) or the FIRESTORE_EMULATOR_HOST environment variable (host:port).',
    );
  }
  // An IPv6 host comes bracketed in FIRESTORE_EMULATOR_HOST ([::1]:8080).
  return { host: host ?? match[1]!.replace(/^\[(.*)\]$/, '$1'), port: port ?? Number(match[2]) };
}

const originOf = ({ host, port }: HostAndPort) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

async function loadRules(emulator: HostAndPort, projectId: string, rules: string): Promise<void> {
  const response = await fetch(`${originOf(emulator)}/emulator/v1/projects/${projectId}:securityRules`, {
    method: 'PUT',
    body: JSON.stringify({ rules: { files: [{ name: 'firestore.rules', content: rules }] } }),
  });
  if (!response.ok) throw new Error(`The emulator refused the rules: ${await response.text()}`);
}

let contextCount = 0;

class TestContext implements RulesTestContext {
  private db: Firestore | undefined;
  private ended = false;

  constructor(
    private readonly environment: TestEnvironment,
    private readonly token: ContextToken,
  ) {}

  firestore(): Firestore {
    this.environment.checkUsable();
    if (this.ended) {
      throw new Error(
        'This context is no longer valid: a withSecurityRulesDisabled context lives only until the promise its ' +
          'callback returned settles.',
      );
    }
    if (!this.db) {
      const { projectId, emulators } = this.environment;
      // Firestore instances are per app, and each context needs its own token: one app per context.
      const app = initializeApp({ projectId }, `kindling-rules-unit-testing-${++contextCount}`);
      this.db = getFirestore(app);
      const { host, port } = emulators.firestore;
      connectFirestoreEmulator(this.db, host, port, this.token === null ? {} : { mockUserToken: this.token });
    }
    return this.db;
  }

  async end(): Promise<void> {
    this.ended = true;
    const db = this.db;
    this.db = undefined;
    if (db) await terminate(db);
  }
}

class TestEnvironment implements RulesTestEnvironment {
  private readonly contexts = new Set<TestContext>();
  private cleanedUp = false;

  constructor(
    readonly projectId: string,
    readonly emulators: { firestore: HostAndPort },
  ) {}

  checkUsable(): void {
    if (this.cleanedUp) {
      throw new Error(
        'This RulesTestEnvironment has been cleaned up; create another one with initializeTestEnvironment().',
      );
    }
  }

  private context(token: ContextToken): TestContext {
    this.checkUsable();
    const context = new TestContext(this, token);
    this.contexts.add(context);
    return context;
  }

  authenticatedContext(uid: string, tokenOptions: TokenOptions = {}): RulesTestContext {
    return this.context({ ...tokenOptions, sub: uid, user_id: uid });
  }

  unauthenticatedContext(): RulesTestContext {
    return this.context(null);
  }

  async withSecurityRulesDisabled(callback: (context: RulesTestContext) => Promise<unknown>): Promise<void> {
    const context = this.context('owner');
    try {
      await callback(context);
    } finally {
      this.contexts.delete(context);
      await context.end();
    }
  }

  async clearFirestore(): Promise<void> {
    this.checkUsable();
    const database = `projects/${this.projectId}/databases/(default)`;
    const response = await fetch(`${originOf(this.emulators.firestore)}/emulator/v1/${database}/documents`, {
      method: 'DELETE',
    });
    if (!response.ok) throw new Error(`Clearing Firestore failed: ${await response.text()}`);
  }

  async cleanup(): Promise<void> {
    this.cleanedUp = true;
    const contexts = [...this.contexts];
    this.contexts.clear();
    await Promise.all(contexts.map((context) => context.end()));
  }
}

/** Connects to a running Firestore emulator and, when `firestore.rules` is given, loads those rules. */
export async function initializeTestEnvironment(
  config: TestEnvironmentConfig = {},
): Promise<RulesTestEnvironment> {
  const projectId = config.projectId ?? environmentVariable('GCLOUD_PROJECT');
  if (!projectId) {
    throw new Error('A projectId is required: initializeTestEnvironment({ projectId }) or GCLOUD_PROJECT.');
  }
  const firestore = firestoreEmulatorOf(config);
  if (config.firestore?.rules !== undefined) await loadRules(firestore, projectId, config.firestore.rules);
  return new TestEnvironment(projectId, { firestore });
}

function isPermissionDenied(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const lowerCode = typeof code === 'string' ? code.toLowerCase() : '';
  const lowerMessage = typeof message === 'string' ? message.toLowerCase() : '';
  return (
    lowerCode === 'permission-denied' ||
    lowerCode === 'permission_denied' ||
    lowerMessage.includes('permission_denied') ||
    lowerMessage.includes('permission denied')
  );
}

/**
 * Resolves with the error when `promise` rejects with permission-denied; rejects when it succeeds or fails in
 * any other way.
 */
export async function assertFails(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    if (isPermissionDenied(error)) return error;
    throw new Error(`Expected PERMISSION_DENIED but got unexpected error: ${String(error)}`, {
      cause: error,
    });
  }
  throw new Error('Expected request to fail, but it succeeded.');
}

/** `promise` itself: marks a request the rules must allow (a rejection fails the test as it is). */
export function assertSucceeds<T>(promise: Promise<T>): Promise<T> {
  return promise;
}
