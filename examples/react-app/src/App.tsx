import type { Firestore } from '@kindling/client';
import { useCallback, useMemo, useState } from 'react';
import { AddTodoForm } from './AddTodoForm.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { TodoList } from './TodoList.js';
import { todosOf } from './todos.js';

export function App({ db, list }: { db: Firestore; list: string }) {
  const todos = useMemo(() => todosOf(db, list), [db, list]);
  const [writeError, setWriteError] = useState<string | null>(null);
  // A rejected write (e.g. denied by security rules) is shown until the next write succeeds.
  const track = useCallback((write: Promise<unknown>) => {
    write.then(
      () => setWriteError(null),
      (error: Error) => setWriteError(error.message),
    );
  }, []);

  return (
    <main>
      <header>
        <h1>
          Todos <small>list “{list}”</small>
        </h1>
        <ConnectionIndicator db={db} />
      </header>
      <AddTodoForm todos={todos} track={track} />
      {writeError && (
        <p className="write-error" role="alert">
          Write failed: {writeError}
        </p>
      )}
      <TodoList todos={todos} track={track} />
    </main>
  );
}
