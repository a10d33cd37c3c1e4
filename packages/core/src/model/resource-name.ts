import { invalidArgument } from '../status.js';
import { outsideInt64 } from './int64.js';
import { compareUtf8, utf8Length } from './utf8.js';

/** Ids longer than this many UTF-8 bytes are refused. */
export const MAX_ID_BYTES = 1500;
const RESERVED_ID = /^__.*__$/;
// `__id123__` is how Firestore spells a numeric (int64) id; every other `__…__` id is reserved.
const NUMERIC_ID = /^__id(-?[1-9]\d*)__$/;

export interface DatabaseName {
  projectId: string;
  databaseId: string;
}

export interface ParsedPath {
  /** `projects/{p}/databases/{d}` */
  database: string;
  /** Alternating collection ids and document ids below the documents root. */
  path: string[];
}

type IdKind = 'project' | 'database' | 'collection' | 'resource';

// `__…__` ids are reserved, except numeric document ids spelled `__id123__`.
function checkReserved(id: string, kind: 'collection' | 'resource'): void {
  if (!RESERVED_ID.test(id)) return;
  const what = kind === 'collection' ? 'Collection id' : 'Resource id';
  const numeric = kind === 'resource' ? NUMERIC_ID.exec(id) : null;
  if (!numeric) throw invalidArgument(`${what} "${id}" is invalid because it is reserved.`);
  if (outsideInt64(BigInt(numeric[1]))) {
    throw invalidArgument(`${what} "${id}" is invalid because it is not a 64 bit integer.`);
  }
}

function checkLength(id: string): void {
  if (utf8Length(id) > MAX_ID_BYTES)
    throw invalidArgument('The key path element name is longer than 1500 bytes.');
}

function validateId(id: string, kind: 'collection' | 'resource'): void {
  const what = kind === 'collection' ? 'Collection id' : 'Resource id';
  if (id === '') throw invalidArgument(`${what} "" is invalid because it is empty.`);
  if (id.includes('/')) throw invalidArgument(`${what} "${id}" is invalid because it contains "/".`);
  if (id === '.' || id === '..') throw invalidArgument(`${what} "${id}" is invalid because it is reserved.`);
  checkReserved(id, kind);
  checkLength(id);
}

/** A document id as Firestore accepts it: not empty, no `/`, not `.`/`..`, not `__…__`, at most 1,500 bytes. */
export function validateDocumentId(id: string): void {
  validateId(id, 'resource');
}

export function validateCollectionId(id: string): void {
  validateId(id, 'collection');
}

/**
 * Walks a resource name left to right so errors name the character index, as Firestore's do. Like Firestore,
 * it checks each id's syntax and reservation in order, before the trailing slash and the segment count.
 */
class NameReader {
  index = 0;
  constructor(
    readonly name: string,
    readonly label: string,
  ) {}

  fail(problem: string): never {
    throw invalidArgument(`${this.label} "${this.name}" ${problem}`);
  }

  get done(): boolean {
    return this.index >= this.name.length;
  }

  private failIfTrailingSlash(): void {
    if (this.done && this.name.endsWith('/')) this.fail('has invalid trailing "/".');
  }

  literal(word: string): void {
    if (word !== '/') this.failIfTrailingSlash();
    if (!this.name.startsWith(word, this.index)) this.fail(`lacks "${word}" at index ${this.index}.`);
    this.index += word.length;
  }

  id(kind: IdKind): string {
    const start = this.index;
    const end = this.name.indexOf('/', start);
    const id = this.name.slice(start, end === -1 ? undefined : end);
    if (id === '') {
      this.failIfTrailingSlash();
      this.fail(`lacks a ${kind} id at index ${start}.`);
    }
    if (id === '.' || id === '..') this.fail(`contains a ${kind} id "${id}" at index ${start}.`);
    this.index = start + id.length;
    return id;
  }
}

function readDatabase(r: NameReader): string {
  r.literal('projects');
  r.literal('/');
  const projectId = r.id('project');
  r.literal('/');
  r.literal('databases');
  r.literal('/');
  const databaseId = r.id('database');
  return `projects/${projectId}/databases/${databaseId}`;
}

// The ids after `/documents`, alternately collection and document ids.
function readSegments(r: NameReader): string[] {
  const path: string[] = [];
  while (!r.done) {
    r.literal('/');
    if (r.done) r.fail(path.length === 0 ? 'is invalid: Omit trailing "/".' : 'has invalid trailing "/".');
    const kind = path.length % 2 === 0 ? 'collection' : 'resource';
    const id = r.id(kind);
    checkReserved(id, kind);
    path.push(id);
  }
  return path;
}

function checkWholeDocuments(r: NameReader, path: string[]): void {
  if (path.length % 2 !== 0) r.fail(`lacks "/" at index ${r.index}.`);
}

/**
 * Ids may be at most 1,500 bytes. Firestore checks this when a document is written, not when a name is
 * parsed: reading or deleting a document with a longer id finds nothing.
 */
export function checkIdLengths(path: string[]): void {
  for (const id of path) checkLength(id);
}

/** `projects/{p}/databases/{d}` → its ids. */
export function parseDatabaseName(name: string): DatabaseName {
  const r = new NameReader(name, 'Database name');
  const database = readDatabase(r);
  if (!r.done) r.fail(`has unexpected text at index ${r.index}.`);
  const [, projectId, , databaseId] = database.split('/');
  return { projectId, databaseId };
}

/** `projects/{p}/databases/{d}/documents/{coll}/{id}…` → the database and the document's path. */
export function parseDocumentName(name: string, label = 'Document name'): ParsedPath {
  const r = new NameReader(String(name), label);
  const database = readDatabase(r);
  if (r.done) r.fail(`lacks "/" at index ${r.index}.`);
  r.literal('/');
  r.literal('documents');
  if (r.done) {
    r.fail('is invalid: Omit "/documents" when referencing a database (except as the parent of a document).');
  }
  const path = readSegments(r);
  checkWholeDocuments(r, path);
  return { database, path };
}

/** A query or listing parent: the documents root (`…/documents`, empty path) or a document. */
export function parseParent(parent: string): ParsedPath {
  const r = new NameReader(String(parent), 'Document parent name');
  const database = readDatabase(r);
  if (r.done) r.fail(`lacks "/" at index ${r.index}.`);
  r.literal('/');
  r.literal('documents');
  const path = readSegments(r);
  checkWholeDocuments(r, path);
  return { database, path };
}

/** The full name of the document (or, for an empty path, the documents root) at `path` in `database`. */
export function documentName(database: string, path: string[]): string {
  return path.length === 0 ? `${database}/documents` : `${database}/documents/${path.join('/')}`;
}

/** The id of the collection a document path belongs to. */
export function collectionOf(path: string[]): string {
  return path[path.length - 2];
}

/** Whether a document id is a numeric id (`__id7__`), which Firestore stores as an integer. */
export const isNumericId = (id: string): boolean => NUMERIC_ID.test(id);

const numericId = (id: string): bigint | undefined => {
  const m = NUMERIC_ID.exec(id);
  return m ? BigInt(m[1]) : undefined;
};

/** Orders two ids: numeric ids (`__id7__`) first, by number, then string ids in UTF-8 order. */
export function compareIds(a: string, b: string): number {
  const an = numericId(a);
  const bn = numericId(b);
  if (an !== undefined && bn !== undefined) return an < bn ? -1 : an > bn ? 1 : 0;
  if (an !== undefined || bn !== undefined) return an !== undefined ? -1 : 1;
  return compareUtf8(a, b);
}

/** Orders resource names (document names, references) segment by segment with compareIds. */
export function compareResourceNames(a: string, b: string): number {
  if (a === b) return 0;
  // Names in one collection share all but their last segment: start at the segment where they first differ.
  const shorter = Math.min(a.length, b.length);
  let differ = 0;
  while (differ < shorter && a.charCodeAt(differ) === b.charCodeAt(differ)) differ++;
  const start = differ === 0 ? 0 : a.lastIndexOf('/', differ - 1) + 1;
  const as = a.slice(start).split('/');
  const bs = b.slice(start).split('/');
  const n = Math.min(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const c = compareIds(as[i], bs[i]);
    if (c !== 0) return c;
  }
  return as.length === bs.length ? 0 : as.length < bs.length ? -1 : 1;
}
