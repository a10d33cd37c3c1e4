import type { CollectionReference } from '@kindling/client';
import { useQuery } from '@kindling/react';
import { TodoItem } from './TodoItem.js';
import { newestTodos, type Todo, VISIBLE_TODOS } from './todos.js';

export function TodoList({
  todos,
  track,
}: {
  todos: CollectionReference<Todo>;
  track: (write: Promise<unknown>) => void;
}) {
  // A new but equal query object on every render: the hook compares with queryEqual and keeps its listener.
  // Metadata changes are asked for so a row re-renders when its pending write is acknowledged.
  const result = useQuery(newestTodos(todos), { includeMetadataChanges: true });

  if (result.status === 'error') {
    return (
      <p className="list-error" role="alert">
        Cannot show this list ({result.error.code}): {result.error.message}
      </p>
    );
  }
  if (result.status !== 'success') return <p className="loading">Loading…</p>;

  const snapshot = result.data;
  return (
    <section>
      {snapshot.empty ? (
        <p className="empty">Nothing to do.</p>
      ) : (
        <ul className="todos">
          {snapshot.docs.map((todo) => (
            <TodoItem
              key={todo.id}
              todos={todos}
              id={todo.id}
              todo={todo.data()}
              pending={todo.metadata.hasPendingWrites}
              track={track}
            />
          ))}
        </ul>
      )}
      <p className="footnote">The newest {VISIBLE_TODOS} todos, newest first.</p>
    </section>
  );
}
