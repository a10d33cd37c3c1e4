// Writes a few documents and queries them back through @kindling/client.
// Start the emulator first (`pnpm emulator`), build once (`pnpm build`), then: `pnpm --filter @kindling/example-node start`.
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getDocs,
  getFirestore,
  initializeApp,
  orderBy,
  query,
  setDoc,
  terminate,
  where,
} from '@kindling/client';

const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080').split(':');
const db = getFirestore(initializeApp({ projectId: 'demo-kindling' }));
connectFirestoreEmulator(db, host, Number(port));

const cities = collection(db, 'cities');
await setDoc(doc(cities, 'SF'), { name: 'San Francisco', population: 870_000 });
await setDoc(doc(cities, 'LA'), { name: 'Los Angeles', population: 3_900_000 });
await setDoc(doc(cities, 'TOK'), { name: 'Tokyo', population: 37_400_000 });

const big = await getDocs(query(cities, where('population', '>', 1_000_000), orderBy('population', 'desc')));
for (const city of big.docs) console.log(city.id, city.data());
await terminate(db);
