/**
 * A minimal stand-in for `firebase/app`: named apps carrying options. Firestore instances hang off an app, so
 * `getFirestore` also accepts apps made by `firebase/app` (anything with `name` and `options`).
 */
export interface FirebaseOptions {
  projectId?: string;
  apiKey?: string;
  appId?: string;
  authDomain?: string;
  databaseURL?: string;
  storageBucket?: string;
  messagingSenderId?: string;
  measurementId?: string;
}

export interface FirebaseApp {
  readonly name: string;
  readonly options: FirebaseOptions;
  automaticDataCollectionEnabled?: boolean;
}

const DEFAULT_APP_NAME = '[DEFAULT]';

/** Errors from the app registry, shaped as firebase/app's (`code` is 'app/…'). */
export class FirebaseAppError extends Error {
  override readonly name = 'FirebaseError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`Firebase: ${message} (${code}).`);
  }
}

const apps = new Map<string, FirebaseApp>();

export function initializeApp(options: FirebaseOptions, name: string = DEFAULT_APP_NAME): FirebaseApp {
  if (typeof name !== 'string' || name === '') {
    throw new FirebaseAppError('app/bad-app-name', `Illegal App name: '${String(name)}'`);
  }
  const existing = apps.get(name);
  if (existing) {
    if (JSON.stringify(existing.options) === JSON.stringify(options)) return existing;
    throw new FirebaseAppError(
      'app/duplicate-app',
      `Firebase App named '${name}' already exists with different options or config`,
    );
  }
  const app: FirebaseApp = { name, options: { ...options }, automaticDataCollectionEnabled: true };
  apps.set(name, app);
  return app;
}

export function getApp(name: string = DEFAULT_APP_NAME): FirebaseApp {
  const app = apps.get(name);
  if (!app) {
    throw new FirebaseAppError(
      'app/no-app',
      `No Firebase App '${name}' has been created - call initializeApp() first`,
    );
  }
  return app;
}

export function getApps(): FirebaseApp[] {
  return [...apps.values()];
}
