// @vitest-environment happy-dom
import {
  disableNetwork,
  doc,
  enableNetwork,
  type Firestore,
  getDoc,
  getFirestore,
  initializeApp,
  terminate,
} from '@kindling/client';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useConnectionState } from './index.js';
import { lineRecorder, startHookTestEmulator } from './test-support.js';

const emulator = startHookTestEmulator();
const states = lineRecorder();

function Indicator({ db }: { db: Firestore }) {
  return <p>{states.record(useConnectionState(db))}</p>;
}

function DefaultIndicator() {
  return <p>{useConnectionState()}</p>;
}

const shown = () => screen.getByRole('paragraph').textContent;

describe('useConnectionState', () => {
  it('follows the connection: offline before use, connecting, online, offline when the network is disabled', async () => {
    const db = emulator.db();
    states.reset();
    render(<Indicator db={db} />);
    expect(shown()).toBe('offline');
    await getDoc(doc(db, 'c/a'));
    await waitFor(() => expect(shown()).toBe('online'));
    await disableNetwork(db);
    await waitFor(() => expect(shown()).toBe('offline'));
    await enableNetwork(db);
    // Enabling the network reconnects when there is something to do.
    await getDoc(doc(db, 'c/a'));
    await waitFor(() => expect(shown()).toBe('online'));
    expect(states.lines).toEqual(['offline', 'connecting', 'online', 'offline', 'connecting', 'online']);
  });

  it('says offline for a terminated instance', async () => {
    const db = emulator.db();
    await terminate(db);
    render(<Indicator db={db} />);
    expect(shown()).toBe('offline');
  });

  it("reads the default app's instance when given none", async () => {
    const db = emulator.connect(getFirestore(initializeApp({ projectId: 'demo-react-default' })));
    render(<DefaultIndicator />);
    expect(shown()).toBe('offline');
    await getDoc(doc(db, 'c/a'));
    await waitFor(() => expect(shown()).toBe('online'));
  });
});
