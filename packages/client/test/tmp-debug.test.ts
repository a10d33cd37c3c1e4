import { startEmulator } from '@kindling/emulator';
import { it } from 'vitest';
import * as fs from '../src/index.js';

it('debug', async () => {
  const emu = await startEmulator({ port: 0 });
  const db = fs.getFirestore(fs.initializeApp({ projectId: 'demo-dbg' }, 'dbg'));
  fs.connectFirestoreEmulator(db, emu.host, emu.port);
  const ds = db._datastore();
  const orig = ds.runAggregationQuery.bind(ds);
  const out: unknown[] = [];
  ds.runAggregationQuery = async (...args: any[]) => { out.push(args); const r = await (orig as any)(...args); out.push(r); return r; };
  await fs.setDoc(fs.doc(db, 'people/ann'), { city: 'SF', age: 30 });
  out.push((await fs.getAggregateFromServer(fs.query(fs.collection(db, 'people'), fs.where('city', '==', 'SF')), { n: fs.count(), total: fs.sum('age') })).data());
  require('node:fs').writeFileSync('/tmp/dbg.json', JSON.stringify(out, null, 1));
  await fs.terminate(db);
  await emu.stop();
});
