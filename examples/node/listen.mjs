// Listens to a query twice — with onSnapshot and with an rxjs observable — and prints every change until
// Ctrl-C. Start the emulator first (`pnpm emulator`), build once (`pnpm build`), then:
// `pnpm --filter @kindling/example-node listen`, and write to `cities` (e.g. `pnpm --filter @kindling/example-node start`).
import {
  collection,
  collectionChanges,
  connectFirestoreEmulator,
  connectionState,
  getFirestore,
  initializeApp,
  onSnapshot,
  orderBy,
  query,
  terminate,
  where,
} from '@kindling/client';

const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080').split(':');
const db = getFirestore(initializeApp({ projectId: process.env.FIREBASE_PROJECT_ID ?? 'demo-kindling' }));
connectFirestoreEmulator(db, host, Number(port));

const bigCities = query(
  collection(db, 'cities'),
  where('population', '>', 1_000_000),
  orderBy('population', 'desc'),
);
const describe = (change) =>
  `${change.type} ${change.doc.id} ${JSON.stringify(change.doc.data())} (index ${change.oldIndex} -> ${change.newIndex})`;

// 1. The Firebase way: a callback per snapshot; docChanges() says what changed since the previous one.
const unsubscribe = onSnapshot(
  bigCities,
  (snapshot) => {
    for (const change of snapshot.docChanges()) console.log(`[onSnapshot] ${describe(change)}`);
  },
  (error) => console.error(`[onSnapshot] ${error.code}: ${error.message}`),
);

// 2. The same changes as an observable (both listeners share one server target).
const changes = collectionChanges(bigCities).subscribe({
  next: (batch) => {
    for (const change of batch) console.log(`[observable] ${describe(change)}`);
  },
  error: (error) => console.error(`[observable] ${error.code}: ${error.message}`),
});
const connection = connectionState(db).subscribe((state) => console.log(`[connection] ${state}`));

console.log(`listening to cities with population > 1,000,000 on ${host}:${port} (Ctrl-C stops)`);

async function stop() {
  unsubscribe();
  changes.unsubscribe();
  connection.unsubscribe();
  await terminate(db);
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
