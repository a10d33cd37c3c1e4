import { Connection } from '../remote/connection.js';
import { Datastore } from '../remote/datastore.js';
import { SyncEngine } from '../sync/sync-engine.js';
import { type FirebaseApp, getApp } from './app.js';
import { FirestoreError } from './error.js';
import { cast } from './input_validation.js';
import { createMockUserToken, type EmulatorMockTokenOptions } from './mock_token.js';

const DEFAULT_DATABASE = '(default)';
const DEFAULT_HOST = 'firestore.googleapis.com';

export interface FirestoreSettings {
  host?: string;
  ssl?: boolean;
  ignoreUndefinedProperties?: boolean;
  /** Accepted for compatibility; this client keeps no cache. */
  cacheSizeBytes?: number;
  experimentalForceLongPolling?: boolean;
  experimentalAutoDetectLongPolling?: boolean;
}

export interface DatabaseId {
  readonly projectId: string;
  readonly database: string;
}

/** A Firestore database handle: settings, and one lazily opened connection. */
export class Firestore {
  readonly type = 'firestore';
  /** @internal */
  readonly _databaseId: DatabaseId;
  /** @internal */
  _settings: FirestoreSettings = { host: DEFAULT_HOST, ssl: true };
  /** @internal */
  _token: string | undefined;
  /** @internal */
  _terminated = false;
  readonly #app: FirebaseApp;
  #datastore: Datastore | null = null;
  #sync: SyncEngine | null = null;
  #emulatorOptions: object = {};

  /** @internal */
  constructor(app: FirebaseApp, databaseId: DatabaseId) {
    this.#app = app;
    this._databaseId = databaseId;
  }

  get app(): FirebaseApp {
    return this.#app;
  }

  /** `projects/{p}/databases/{d}` */
  get _databaseName(): string {
    return `projects/${this._databaseId.projectId}/databases/${this._databaseId.database}`;
  }

  /** @internal */
  _setSettings(settings: FirestoreSettings, emulatorOptions: object = this.#emulatorOptions): void {
    if (this.#datastore) {
      throw new FirestoreError(
        'failed-precondition',
        'Firestore has already been started and its settings can no longer be changed. ' +
          'You can only modify settings before calling any other methods on a Firestore object.',
      );
    }
    this._settings = settings;
    this.#emulatorOptions = emulatorOptions;
  }

  /** @internal */
  _getEmulatorOptions(): object {
    return this.#emulatorOptions;
  }

  /** The datastore this instance talks to; opening it freezes the settings. */
  _datastore(): Datastore {
    if (this._terminated) {
      throw new FirestoreError('failed-precondition', 'The client has already been terminated.');
    }
    if (!this.#datastore) {
      const { host = DEFAULT_HOST, ssl = true } = this._settings;
      const connection = new Connection({
        url: `${ssl ? 'wss' : 'ws'}://${host}/kindling`,
        database: this._databaseName,
        token: this._token,
      });
      this.#datastore = new Datastore(connection, this._databaseName);
    }
    return this.#datastore;
  }

  /** @internal The realtime layer (listeners, latency-compensated writes), made on first use. */
  _sync(): SyncEngine {
    const datastore = this._datastore();
    this.#sync ??= new SyncEngine(datastore.watch, datastore.writes, datastore.connection);
    return this.#sync;
  }

  /** @internal Replaces the token for the live connection, if any, and every later one. */
  _setToken(token: string | undefined): void {
    this._token = token;
    this.#datastore?.connection.setToken(token);
  }

  /** @internal */
  _terminate(): void {
    this._terminated = true;
    this.#sync?.close();
    this.#datastore?.connection.close();
  }

  toJSON(): object {
    return { app: this.#app, databaseId: this._databaseId, settings: this._settings };
  }
}

const instances = new WeakMap<FirebaseApp, Map<string, Firestore>>();

function instancesOf(app: FirebaseApp): Map<string, Firestore> {
  let map = instances.get(app);
  if (!map) {
    map = new Map();
    instances.set(app, map);
  }
  return map;
}

function createFirestore(app: FirebaseApp, database: string): Firestore {
  const projectId = app.options?.projectId;
  if (typeof projectId !== 'string') {
    throw new FirestoreError('invalid-argument', '"projectId" not provided in firebase.initializeApp.');
  }
  return new Firestore(app, { projectId, database });
}

export function getFirestore(): Firestore;
export function getFirestore(app: FirebaseApp): Firestore;
export function getFirestore(databaseId: string): Firestore;
export function getFirestore(app: FirebaseApp, databaseId: string): Firestore;
export function getFirestore(appOrDatabaseId?: FirebaseApp | string, optionalDatabaseId?: string): Firestore {
  const app = typeof appOrDatabaseId === 'object' ? appOrDatabaseId : getApp();
  const database =
    (typeof appOrDatabaseId === 'string' ? appOrDatabaseId : optionalDatabaseId) || DEFAULT_DATABASE;
  const map = instancesOf(app);
  let db = map.get(database);
  if (!db) {
    db = createFirestore(app, database);
    map.set(database, db);
  }
  return db;
}

export function initializeFirestore(
  app: FirebaseApp,
  settings: FirestoreSettings,
  databaseId?: string,
): Firestore {
  const database = databaseId || DEFAULT_DATABASE;
  const map = instancesOf(app);
  const existing = map.get(database);
  const merged: FirestoreSettings = { host: DEFAULT_HOST, ssl: true, ...settings };
  if (existing) {
    if (JSON.stringify(existing._settings) === JSON.stringify(merged)) return existing;
    throw new FirestoreError(
      'failed-precondition',
      'initializeFirestore() has already been called with different options. To avoid this error, call ' +
        'initializeFirestore() with the same options as when it was originally called, or call getFirestore() ' +
        'to return the already initialized instance.',
    );
  }
  if (settings.ssl !== undefined && settings.host === undefined) {
    throw new FirestoreError('invalid-argument', "Can't provide ssl option if host option is not set");
  }
  const db = createFirestore(app, database);
  db._setSettings(merged);
  map.set(database, db);
  return db;
}

export function connectFirestoreEmulator(
  firestore: Firestore,
  host: string,
  port: number,
  options: { mockUserToken?: EmulatorMockTokenOptions | string } = {},
): void {
  firestore = cast(firestore, Firestore);
  const newSettings = { ...firestore._settings, host: `${host}:${port}`, ssl: false };
  if (
    JSON.stringify(newSettings) === JSON.stringify(firestore._settings) &&
    JSON.stringify(options) === JSON.stringify(firestore._getEmulatorOptions())
  ) {
    return; // repeated calls with the same configuration are allowed (SSR)
  }
  firestore._setSettings(newSettings, options);
  if (options.mockUserToken) {
    firestore._token =
      typeof options.mockUserToken === 'string'
        ? options.mockUserToken
        : createMockUserToken(options.mockUserToken, firestore.app.options.projectId);
  }
}

/**
 * Kindling extension: replaces the auth token `firestore` presents, without reconnecting. Give a token string,
 * `mockUserToken` options (made into an unsigned JWT as connectFirestoreEmulator does), or null to sign out.
 * The emulator re-checks every listener of the connection at once: one the security rules no longer allow ends
 * with a `permission-denied` error. Requests sent after the call use the new token, and so does every reconnect.
 */
export function setAuthToken(firestore: Firestore, token: string | EmulatorMockTokenOptions | null): void {
  firestore = cast(firestore, Firestore);
  if (firestore._terminated) {
    throw new FirestoreError('failed-precondition', 'The client has already been terminated.');
  }
  if (token === null) firestore._setToken(undefined);
  else if (typeof token === 'string') firestore._setToken(token);
  else firestore._setToken(createMockUserToken(token, firestore.app.options.projectId));
}

/** Closes the instance's connection; later calls on it fail, and getFirestore() gives a fresh instance. */
export async function terminate(firestore: Firestore): Promise<void> {
  firestore = cast(firestore, Firestore);
  const map = instances.get(firestore.app);
  if (map?.get(firestore._databaseId.database) === firestore) map.delete(firestore._databaseId.database);
  firestore._terminate();
}
