// @vitest-environment happy-dom
import { collection, doc, type Firestore, setDoc } from '@kindling/client';
import { render, screen, waitFor } from '@testing-library/react';
import { Component, type ReactNode, StrictMode, Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useQueryData } from './index.js';
import { describeResult, lineRecorder, startHookTestEmulator } from './test-support.js';

// One target per connection: a second listener is refused by the server (RESOURCE_EXHAUSTED).
const emulator = startHookTestEmulator({ maxSubscriptionsPerClient: 1 });
const renders = lineRecorder();

function Names({ db, path, suspense = false }: { db: Firestore; path: string; suspense?: boolean }) {
  const result = useQueryData<{ name: string }>(collection(db, path), { suspense });
  return (
    <p>{renders.record(`${path}: ${describeResult(result, (list) => list.map((p) => p.name).join(','))}`)}</p>
  );
}

class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    return error ? (
      <p>{renders.record(`caught ${(error as { code?: string }).code}`)}</p>
    ) : (
      this.props.children
    );
  }
}

const texts = () => screen.getAllByRole('paragraph').map((p) => p.textContent);

async function seeded(): Promise<Firestore> {
  const db = emulator.db();
  await setDoc(doc(db, 'a/1'), { name: 'Ada' });
  await setDoc(doc(db, 'b/1'), { name: 'Bob' });
  return db;
}

describe('a listener the server refuses', () => {
  beforeEach(() => {
    renders.reset();
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is an error result, with no data, while the accepted one shows its data', async () => {
    const db = await seeded();
    render(<Names db={db} path="a" />);
    await waitFor(() => expect(texts()).toEqual(['a: Ada']));
    render(<Names db={db} path="b" />);
    await waitFor(() => expect(texts()).toEqual(['a: Ada', 'b: error resource-exhausted']));
    expect(renders.lines).toEqual(['a: loading', 'a: Ada', 'b: loading', 'b: error resource-exhausted']);
  });

  it('in suspense mode reaches the error boundary once, after one attempt', async () => {
    const db = await seeded();
    render(<Names db={db} path="a" />);
    await waitFor(() => expect(texts()).toEqual(['a: Ada']));
    const before = emulator.targets.added;
    render(
      <StrictMode>
        <Boundary>
          <Suspense fallback={<p>waiting</p>}>
            <Names db={db} path="b" suspense />
          </Suspense>
        </Boundary>
      </StrictMode>,
    );
    await waitFor(() => expect(texts()).toEqual(['a: Ada', 'caught resource-exhausted']));
    // Let any retry React or the hook might make happen before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emulator.targets.added).toBe(before + 1);
    expect(renders.lines).toEqual(['a: loading', 'a: Ada', 'caught resource-exhausted']);
  });
});
