import {
  addDoc,
  type CollectionReference,
  collection,
  deleteDoc,
  doc,
  type Firestore,
  limit,
  orderBy,
  type Query,
  query,
  updateDoc,
} from '@kindling/client';

export interface Todo {
  text: string;
  done: boolean;
  /** Milliseconds since the epoch on the writer's clock: the list's order. */
  createdAt: number;
}

/** How many todos the page shows: the newest ones. */
export const VISIBLE_TODOS = 20;

export function todosOf(db: Firestore, list: string): CollectionReference<Todo> {
  return collection(db, 'lists', list, 'todos') as CollectionReference<Todo>;
}

export function newestTodos(todos: CollectionReference<Todo>): Query<Todo> {
  return query(todos, orderBy('createdAt', 'desc'), limit(VISIBLE_TODOS));
}

// Writes are not awaited by the UI: the listener shows them at once (pending) and again when acknowledged.
export function addTodo(todos: CollectionReference<Todo>, text: string): Promise<unknown> {
  return addDoc(todos, { text, done: false, createdAt: Date.now() });
}

export function renameTodo(todos: CollectionReference<Todo>, id: string, text: string): Promise<void> {
  return updateDoc(doc(todos, id), { text });
}

export function setTodoDone(todos: CollectionReference<Todo>, id: string, done: boolean): Promise<void> {
  return updateDoc(doc(todos, id), { done });
}

export function removeTodo(todos: CollectionReference<Todo>, id: string): Promise<void> {
  return deleteDoc(doc(todos, id));
}
