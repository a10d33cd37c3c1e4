import type { CollectionReference } from '@kindling/client';
import { type FormEvent, useState } from 'react';
import { removeTodo, renameTodo, setTodoDone, type Todo } from './todos.js';

interface TodoItemProps {
  todos: CollectionReference<Todo>;
  id: string;
  todo: Todo;
  /** The row shows a local write the server has not acknowledged yet. */
  pending: boolean;
  track: (write: Promise<unknown>) => void;
}

export function TodoItem({ todos, id, todo, pending, track }: TodoItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const save = (event: FormEvent) => {
    event.preventDefault();
    const text = draft?.trim();
    if (text && text !== todo.text) track(renameTodo(todos, id, text));
    setDraft(null);
  };

  return (
    <li className={pending ? 'todo pending' : 'todo'} data-pending={pending}>
      <input
        type="checkbox"
        aria-label={`Done: ${todo.text}`}
        checked={todo.done}
        onChange={(e) => track(setTodoDone(todos, id, e.target.checked))}
      />
      {draft === null ? (
        <>
          <span className={todo.done ? 'text done' : 'text'}>{todo.text}</span>
          <button type="button" onClick={() => setDraft(todo.text)} aria-label={`Edit ${todo.text}`}>
            Edit
          </button>
        </>
      ) : (
        <form onSubmit={save} className="edit">
          <input aria-label="Edit todo" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit">Save</button>
        </form>
      )}
      <button type="button" onClick={() => track(removeTodo(todos, id))} aria-label={`Delete ${todo.text}`}>
        Delete
      </button>
      {pending && <span className="saving">saving…</span>}
    </li>
  );
}
