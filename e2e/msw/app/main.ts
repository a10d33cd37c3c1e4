/**
 * The browser proof of issue 6: the real engine runs in this page behind msw's setupWorker. The Kindling client's
 * WebSocket is intercepted in the page, firebase/firestore/lite's fetches by the service worker; the mock's host
 * resolves nowhere, so every note shown went through the mock.
 */
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getFirestore,
  initializeApp,
  onSnapshot,
  orderBy,
  query,
  setDoc,
} from '@kindling/client';
import { createFirestoreMock } from '@kindling/testing';
import { initializeApp as initializeFirebaseApp } from 'firebase/app';
import * as lite from 'firebase/firestore/lite';
import { setupWorker } from 'msw/browser';

const projectId = 'demo-browser';
const $ = (id: string) => document.getElementById(id) as HTMLElement;

const mock = createFirestoreMock({ projectId });
const worker = setupWorker(...mock.handlers);
// The page's own files are served for real; only the mock's host is handled.
await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
$('worker').textContent = navigator.serviceWorker.controller ? 'controlling' : 'not controlling';

await mock.seed({ 'notes/0': { text: 'seeded', order: 0 } });

const db = getFirestore(initializeApp({ projectId }));
connectFirestoreEmulator(db, mock.host, mock.port);
const rest = lite.getFirestore(initializeFirebaseApp({ projectId }));
lite.connectFirestoreEmulator(rest, mock.host, mock.port);

onSnapshot(
  query(collection(db, 'notes'), orderBy('order')),
  (snapshot) => {
    $('notes').replaceChildren(
      ...snapshot.docs.map((note) =>
        Object.assign(document.createElement('li'), { textContent: note.get('text') }),
      ),
    );
  },
  (error) => {
    $('error').textContent = error.code;
  },
);

let order = 0;
$('add-websocket').onclick = () => {
  order++;
  void setDoc(doc(db, `notes/${order}`), { text: 'over websocket', order });
};
$('add-rest').onclick = () => {
  order++;
  void lite.setDoc(lite.doc(rest, `notes/${order}`), { text: 'over rest', order });
};
$('disconnect').onclick = () => mock.disconnect();
$('fail-rest').onclick = () => {
  mock.fail('commit', 'permission-denied');
  lite.setDoc(lite.doc(rest, 'notes/refused'), { text: 'refused', order: -1 }).catch((error) => {
    $('rest-error').textContent = error.code;
  });
};
