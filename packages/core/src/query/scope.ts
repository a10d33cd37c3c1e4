import type { CollectionSelector } from '../protocol/v1.js';

/**
 * Whether a document belongs to the collections a query reads. `parent` is the documents root or a document;
 * a selector reads that parent's child collection with its id, or with `allDescendants` every collection with
 * that id at any depth below the parent (a collection group). Without a selector or with an empty id the
 * official emulator reads every child collection of the parent (every descendant with `allDescendants`).
 */
export function inScope(parent: string, from: CollectionSelector[] | undefined, docName: string): boolean {
  const prefix = parent.endsWith('/') ? parent : `${parent}/`;
  if (!docName.startsWith(prefix)) return false;
  const relative = docName.slice(prefix.length).split('/');
  const selector = from?.[0];
  if (!selector?.allDescendants && relative.length !== 2) return false;
  const collectionId = selector?.collectionId ?? '';
  return collectionId === '' || relative[relative.length - 2] === collectionId;
}
