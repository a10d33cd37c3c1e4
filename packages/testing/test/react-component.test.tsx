// @vitest-environment happy-dom
/**
 * The documented example of docs/testing.md: a React component using @kindling/react, tested with Vitest and
 * Testing Library against the real engine behind msw — no emulator process, no port.
 */
import '../src/node-websocket.js';
import {
  addDoc,
  collection,
  connectFirestoreEmulator,
  type Firestore,
  getFirestore,
  initializeApp,
  orderBy,
  query,
  serverTimestamp,
  terminate,
} from '@kindling/client';
import { useQueryData } from '@kindling/react';
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { useMemo, useState } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createFirestoreMock } from '../src/index.js';

// waitFor's 1 s default is a deadline, not a measurement: a loaded CI machine may need longer.
configure({ asyncUtilTimeout: 10_000 });

// ---- the component under test: a chat room's messages and a box to post one ----

interface Message {
  id: string;
  text: string;
}

function ChatRoom({ db, room }: { db: Firestore; room: string }) {
  const messages = useMemo(
    () => query(collection(db, 'rooms', room, 'messages'), orderBy('sentAt')),
    [db, room],
  );
  const { status, data, error } = useQueryData<Message>(messages, { idField: 'id' });
  const [draft, setDraft] = useState('');
  if (status === 'error') return <p role="alert">Could not load messages: {error.code}</p>;
  if (status !== 'success') return <p>Loading…</p>;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void addDoc(collection(db, 'rooms', room, 'messages'), { text: draft, sentAt: serverTimestamp() });
        setDraft('');
      }}
    >
      <ul aria-label="messages">
        {data.map((message) => (
          <li key={message.id}>{message.text}</li>
        ))}
      </ul>
      <input aria-label="message" value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button type="submit">Send</button>
    </form>
  );
}

// ---- the test setup: one mock and one msw server per file, a fresh client and empty database per test ----

const mock = createFirestoreMock({ projectId: 'demo-chat' });
const server = setupServer(...mock.handlers);
let db: Firestore;
let clients = 0;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  db = getFirestore(initializeApp({ projectId: mock.projectId }, `chat-${++clients}`));
  connectFirestoreEmulator(db, mock.host, mock.port);
});
afterEach(async () => {
  cleanup();
  await terminate(db);
  mock.clear();
});
afterAll(() => server.close());

const shown = () => screen.getAllByRole('listitem').map((item) => item.textContent);

it('shows the seeded messages, then the one the user sends', async () => {
  await mock.seed({
    'rooms/r1/messages/m1': { text: 'hello', sentAt: new Date('2024-01-01T10:00:00Z') },
    'rooms/r1/messages/m2': { text: 'how are you?', sentAt: new Date('2024-01-01T10:01:00Z') },
    'rooms/r2/messages/m3': { text: 'another room', sentAt: new Date('2024-01-01T10:02:00Z') },
  });
  render(<ChatRoom db={db} room="r1" />);
  expect(await screen.findByText('how are you?')).toBeTruthy();
  expect(shown()).toEqual(['hello', 'how are you?']);

  fireEvent.change(screen.getByLabelText('message'), { target: { value: 'fine, thanks' } });
  fireEvent.click(screen.getByText('Send'));
  await waitFor(() => expect(shown()).toEqual(['hello', 'how are you?', 'fine, thanks']));
});

it('shows the error state when the listener is refused', async () => {
  mock.fail('listen', 'permission-denied');
  render(<ChatRoom db={db} room="r1" />);
  expect((await screen.findByRole('alert')).textContent).toBe('Could not load messages: permission-denied');
});
