import type { DocumentSnapshot } from '@kindling/client';

/** The snapshot's data, with its id under `idField` when asked; undefined while the document does not exist. */
export function dataWithId<T>(
  snapshot: DocumentSnapshot<any, any>,
  idField: string | undefined,
): T | undefined {
  const data = snapshot.data();
  if (data === undefined || !idField) return data;
  return { ...data, [idField]: snapshot.id };
}
