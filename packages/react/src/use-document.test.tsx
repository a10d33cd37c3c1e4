// @vitest-environment happy-dom
import { type DocumentReference, deleteDoc, doc, setDoc, updateDoc } from '@kindling/client';
import { render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useDocument, useDocumentData } from './index.js';
import { describeResult, lineRecorder, startHookTestEmulator } from './test-support.js';

const emulator = startHookTestEmulator();
const renders = lineRecorder();
beforeEach(() => renders.reset());

interface Task {
  title: string;
  key?: string;
}

function TaskTitle({ taskRef }: { taskRef: DocumentReference | null | undefined }) {
  const result = useDocumentData<Task>(taskRef, { idField: 'key' });
  return (
    <p>
      {renders.record(describeResult(result, (task) => (task ? `${task.key}:${task.title}` : 'missing')))}
    </p>
  );
}

function TaskSnapshot({ taskRef }: { taskRef: DocumentReference }) {
  const result = useDocument(taskRef, { includeMetadataChanges: true });
  const line = describeResult(
    result,
    (snapshot) =>
      `${snapshot.id} exists=${snapshot.exists()} pending=${snapshot.metadata.hasPendingWrites} ` +
      JSON.stringify(snapshot.data() ?? null),
  );
  return <p>{renders.record(line)}</p>;
}

const shown = () => screen.getByRole('paragraph').textContent;

describe('useDocumentData', () => {
  it('shows loading, then the data with its id, then each remote change, then missing after a delete', async () => {
    const db = emulator.db();
    await setDoc(doc(db, 'tasks/a'), { title: 'one' });
    render(<TaskTitle taskRef={doc(db, 'tasks/a')} />);
    expect(shown()).toBe('loading');
    await waitFor(() => expect(shown()).toBe('a:one'));
    const other = emulator.peer(db);
    await updateDoc(doc(other, 'tasks/a'), { title: 'two' });
    await waitFor(() => expect(shown()).toBe('a:two'));
    await deleteDoc(doc(other, 'tasks/a'));
    await waitFor(() => expect(shown()).toBe('missing'));
    expect(renders.lines).toEqual(['loading', 'a:one', 'a:two', 'missing']);
  });

  it('is idle for a null or undefined reference, listening to nothing', async () => {
    const db = emulator.db();
    await setDoc(doc(db, 'tasks/a'), { title: 'one' });
    const before = emulator.targets.added;
    const view = render(<TaskTitle taskRef={null} />);
    expect(shown()).toBe('idle');
    view.rerender(<TaskTitle taskRef={undefined} />);
    expect(shown()).toBe('idle');
    expect(emulator.targets.added).toBe(before);
    view.rerender(<TaskTitle taskRef={doc(db, 'tasks/a')} />);
    await waitFor(() => expect(shown()).toBe('a:one'));
    expect(emulator.targets.added).toBe(before + 1);
    view.rerender(<TaskTitle taskRef={null} />);
    expect(shown()).toBe('idle');
    // Back to idle releases the document's target.
    await waitFor(() => expect(emulator.targets.active).toBe(0));
    expect(renders.lines).toEqual(['idle', 'loading', 'a:one', 'idle']);
  });

  it('never shows the previous reference data once the reference changed', async () => {
    const db = emulator.db();
    await setDoc(doc(db, 'tasks/a'), { title: 'one' });
    await setDoc(doc(db, 'tasks/b'), { title: 'two' });
    const view = render(<TaskTitle taskRef={doc(db, 'tasks/a')} />);
    await waitFor(() => expect(shown()).toBe('a:one'));
    view.rerender(<TaskTitle taskRef={doc(db, 'tasks/b')} />);
    expect(shown()).toBe('loading');
    await waitFor(() => expect(shown()).toBe('b:two'));
    expect(renders.lines).toEqual(['loading', 'a:one', 'loading', 'b:two']);
  });
});

describe('useDocument', () => {
  it('gives a missing document snapshot, then a local write pending until the server acknowledges it', async () => {
    const db = emulator.db();
    render(<TaskSnapshot taskRef={doc(db, 'tasks/a')} />);
    await waitFor(() => expect(shown()).toBe('a exists=false pending=false null'));
    await setDoc(doc(db, 'tasks/a'), { title: 'one' });
    await waitFor(() => expect(shown()).toBe('a exists=true pending=false {"title":"one"}'));
    expect(renders.lines).toEqual([
      'loading',
      'a exists=false pending=false null',
      'a exists=true pending=true {"title":"one"}',
      'a exists=true pending=false {"title":"one"}',
    ]);
  });
});
