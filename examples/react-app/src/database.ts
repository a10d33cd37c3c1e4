import { connectFirestoreEmulator, type Firestore, getFirestore, initializeApp } from '@kindling/client';

/** Where the app finds the emulator and which list it shows: URL parameters win over the Vite environment. */
export interface AppSettings {
  /** `host:port` */
  emulator: string;
  projectId: string;
  /** The todo list (a document under `lists/`) the page shows. */
  list: string;
}

export function readSettings(search: string, env: ImportMetaEnv): AppSettings {
  const params = new URLSearchParams(search);
  return {
    emulator: params.get('emulator') ?? env.VITE_FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080',
    projectId: env.VITE_FIREBASE_PROJECT_ID ?? 'demo-kindling',
    list: params.get('list') ?? 'shared',
  };
}

export function openDatabase(settings: AppSettings): Firestore {
  const db = getFirestore(initializeApp({ projectId: settings.projectId }));
  const separator = settings.emulator.lastIndexOf(':');
  connectFirestoreEmulator(
    db,
    settings.emulator.slice(0, separator),
    Number(settings.emulator.slice(separator + 1)),
  );
  return db;
}
