// Type-level checks: tsc verifies these (`npx tsc -p tsconfig.json`); at run time the hooks are never called.
import {
  collection,
  type DocumentData,
  type DocumentSnapshot,
  doc,
  type Firestore,
  type FirestoreDataConverter,
  type FirestoreError,
  type QuerySnapshot,
  query,
} from '@kindling/client';
import { describe, expectTypeOf, it } from 'vitest';
import { useDocument, useDocumentData, useQuery, useQueryData } from './index.js';

interface Todo {
  title: string;
}

const todoConverter: FirestoreDataConverter<Todo> = {
  toFirestore: (todo) => ({ title: todo.title }),
  fromFirestore: (snapshot) => ({ title: String(snapshot.data().title) }),
};

describe('hook types', () => {
  it('narrow the result on status and infer data from a converter or an explicit type', () => {
    expectTypeOf((db: Firestore) => {
      const result = useQueryData(query(collection(db, 'todos').withConverter(todoConverter)));
      return result.status === 'success' ? result.data : undefined;
    }).returns.toEqualTypeOf<Todo[] | undefined>();
    expectTypeOf((db: Firestore) => {
      const result = useQueryData<Todo>(collection(db, 'todos'));
      return result.status === 'error' ? result.error : result.data;
    }).returns.toEqualTypeOf<FirestoreError | Todo[] | undefined>();
    expectTypeOf((db: Firestore) => {
      const result = useDocumentData<Todo>(doc(db, 'todos/a'));
      return result.status === 'success' ? result.data : null;
    }).returns.toEqualTypeOf<Todo | undefined | null>();
    expectTypeOf((db: Firestore) => useDocument(doc(db, 'todos/a')).snapshot).returns.toEqualTypeOf<
      DocumentSnapshot<DocumentData, DocumentData> | undefined
    >();
  });

  it('are success (or idle for a nullable reference) in suspense mode', () => {
    expectTypeOf(
      (db: Firestore) => useQuery(collection(db, 'todos'), { suspense: true }).data,
    ).returns.toEqualTypeOf<QuerySnapshot<DocumentData, DocumentData>>();
    expectTypeOf(
      (db: Firestore) => useDocumentData<Todo>(doc(db, 'todos/a'), { suspense: true }).data,
    ).returns.toEqualTypeOf<Todo | undefined>();
    expectTypeOf(
      (db: Firestore | null) => useQueryData<Todo>(db && collection(db, 'todos'), { suspense: true }).status,
    ).returns.toEqualTypeOf<'success' | 'idle'>();
  });
});
