import { invalidArgument } from '../status.js';
import { utf8Length } from './utf8.js';
import { outsideInt64 } from './value.js';

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

function checkId(id: string, what: 'Resource id' | 'Collection id'): void {
  if (RESERVED_ID.test(id)) {
    const numeric = NUMERIC_ID.exec(id);
    if (!numeric) throw invalidArgument(`${what} "${id}" is invalid because it is reserved.`);
    if (outsideInt64(BigInt(numeric[1]))) {
      throw invalidArgument(`${what} "${id}" is invalid because it is not a 64 bit integer.`);
    }
  }
  if (utf8Length(id) > MAX_ID_BYTES)
    throw invalidArgument('The key path element name is longer than 1500 bytes.');
}

/** A document id as Firestore accepts it: not empty, not `.`/`..`, not `__…__`, at most 1,500 bytes. */
export function validateDocumentId(id: string): void {
  if (id === '' || id.includes('/')) throw invalidArgument(`Document id "${id}" is invalid.`);
  if (id === '.' || id === '..') throw invalidArgument(`Document id "${id}" is invalid.`);
  checkId(id, 'Resource id');
}

export function validateCollectionId(id: string): void {
  if (id === '' || id.includes('/') || id === '.' || id === '..') {
    throw invalidArgument(`Collection id "${id}" is invalid.`);
  }
  checkId(id, 'Collection id');
}

/** Walks a resource name left to right so errors can name the character index, as Firestore's do. */
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

  literal(word: string): void {
    if (!this.name.startsWith(word, this.index)) this.fail(`lacks "${word}" at index ${this.index}.`);
    this.index += word.length;
  }

  id(): string {
    const start = this.index;
    const end = this.name.indexOf('/', start);
    const id = this.name.slice(start, end === -1 ? undefined : end);
    if (id === '') {
      if (start === this.name.length && start > 0) this.fail('has invalid trailing "/".');
      this.fail(`lacks a resource id at index ${start}.`);
    }
    this.index = start + id.length;
    return id;
  }
}

function readDatabase(r: NameReader): string {
  r.literal('projects');
  r.literal('/');
  const projectId = r.id();
  r.literal('/');
  r.literal('databases');
  r.literal('/');
  const databaseId = r.id();
  return `projects/${projectId}/databases/${databaseId}`;
}

// The segments after `documents`, each id checked as Firestore checks it.
function readSegments(r: NameReader): string[] {
  const path: string[] = [];
  while (!r.done) {
    r.literal('/');
    const start = r.index;
    const id = r.id();
    if (id === '.' || id === '..') r.fail(`contains a resource id "${id}" at index ${start}.`);
    checkId(id, path.length % 2 === 0 ? 'Collection id' : 'Resource id');
    path.push(id);
  }
  return path;
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
  if (path.length % 2 !== 0) r.fail(`lacks "/" at index ${r.index}.`);
  return { database, path };
}

/** A query or listing parent: the documents root (`…/documents`, empty path) or a document. */
export function parseParent(parent: string): ParsedPath {
  const r = new NameReader(String(parent), 'Parent');
  const database = readDatabase(r);
  if (r.done) r.fail(`lacks "/" at index ${r.index}.`);
  r.literal('/');
  r.literal('documents');
  const path = readSegments(r);
  if (path.length % 2 !== 0) r.fail(`lacks "/" at index ${r.index}.`);
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
