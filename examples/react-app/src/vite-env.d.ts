/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `host:port` of the Kindling emulator (default 127.0.0.1:8080); `?emulator=host:port` overrides it. */
  readonly VITE_FIRESTORE_EMULATOR_HOST?: string;
  /** Default demo-kindling, the emulator's default project. */
  readonly VITE_FIREBASE_PROJECT_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
