import type { CollectionReference } from '@kindling/client';
import { type FormEvent, useState } from 'react';
import { addTodo, type Todo } from './todos.js';

export function AddTodoForm({
  todos,
  track,
}: {
  todos: CollectionReference<Todo>;
  track: (write: Promise<unknown>) => void;
}) {
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    track(addTodo(todos, trimmed));
    setText('');
  };
  return (
    <form onSubmit={submit} className="add">
      <input
        aria-label="New todo"
        placeholder="What needs doing?"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Add</button>
    </form>
  );
}
