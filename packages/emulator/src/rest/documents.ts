import { Code, type Method, type Precondition, StatusError } from '@kindling/core';
import { bearerToken, type Caller, type Engine } from '../engine/index.js';
import { readJsonBody } from './http.js';
import type { Route, Verb } from './route.js';

const invalid = (message: string) => new StatusError(Code.INVALID_ARGUMENT, message);

/** The request names no endpoint this module serves (answered 404). */
export class NoSuchEndpoint extends Error {}

// ---- query parameters, as Google's REST mapping spells message fields (`mask.fieldPaths` repeated) ----

function repeated(params: URLSearchParams, key: string): { fieldPaths: string[] } | undefined {
  return params.has(key) ? { fieldPaths: params.getAll(key) } : undefined;
}

function bool(params: URLSearchParams, key: string): boolean | undefined {
  const v = params.get(key);
  if (v === null) return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  throw invalid(`Invalid value at '${key}' (TYPE_BOOL), "${v}"`);
}

function precondition(params: URLSearchParams): Precondition | undefined {
  const exists = bool(params, 'currentDocument.exists');
  const updateTime = params.get('currentDocument.updateTime') ?? undefined;
  if (exists === undefined && updateTime === undefined) return undefined;
  return exists !== undefined ? { exists } : { updateTime };
}

function int32(params: URLSearchParams, key: string): number | undefined {
  const v = params.get(key);
  if (v === null) return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < -(2 ** 31) || n >= 2 ** 31)
    throw invalid(`Invalid value at '${key}' (TYPE_INT32), "${v}"`);
  return n;
}

function string(params: URLSearchParams, key: string): string | undefined {
  return params.get(key) ?? undefined;
}

// ---- bodies ----

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('Invalid JSON payload received: the body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

const DOCUMENT_KEYS = new Set(['name', 'fields', 'createTime', 'updateTime']);

// A Document body, refusing fields a Document does not have as Google's JSON parser does.
function asDocument(body: unknown): Record<string, unknown> {
  const doc = asObject(body);
  const unknown = Object.keys(doc).find((key) => !DOCUMENT_KEYS.has(key));
  if (unknown !== undefined) {
    throw invalid(
      `Invalid JSON payload received. Unknown name ${JSON.stringify(unknown)}: Cannot find field.`,
    );
  }
  return doc;
}

// ---- dispatch ----

const DATABASE_VERBS: ReadonlySet<Verb> = new Set(['commit', 'batchGet', 'beginTransaction', 'rollback']);

/** Serves `/v1/projects/{p}/databases/{d}/documents…`: Firestore's REST API; resolves to the response body. */
export async function serveDocuments(
  engine: Engine,
  request: Request,
  params: URLSearchParams,
  route: Extract<Route, { kind: 'documents' }>,
): Promise<unknown> {
  const { database, path, verb } = route;
  // `Authorization: Bearer <token>`: `owner` bypasses the rules, another token is the user rules judge.
  const caller: Caller = { token: bearerToken(request.headers.get('authorization')) };
  const name = [`${database}/documents`, ...path].join('/');
  if (verb) {
    if (request.method !== 'POST') throw new NoSuchEndpoint();
    if (DATABASE_VERBS.has(verb) && path.length > 0) throw new NoSuchEndpoint();
    const body = asObject(await readJsonBody(request));
    // The URL names the database or parent; fields of the same name in the body do not override it.
    const message = DATABASE_VERBS.has(verb) ? { ...body, database } : { ...body, parent: name };
    return engine.call(verb as Method, message as never, caller);
  }
  if (path.length === 0) throw new NoSuchEndpoint();
  // A path with an empty segment is reported as a malformed document name, as Firestore does.
  const isCollection = path.length % 2 === 1 && !path.includes('');
  const parent = [`${database}/documents`, ...path.slice(0, -1)].join('/');
  const collectionId = path[path.length - 1];
  switch (request.method) {
    case 'GET':
      if (isCollection) {
        return engine.listDocuments(
          {
            parent,
            collectionId,
            pageSize: int32(params, 'pageSize'),
            pageToken: string(params, 'pageToken'),
            orderBy: string(params, 'orderBy'),
            mask: repeated(params, 'mask.fieldPaths'),
            showMissing: bool(params, 'showMissing'),
            transaction: string(params, 'transaction'),
            readTime: string(params, 'readTime'),
          },
          caller,
        );
      }
      return engine.getDocument(
        {
          name,
          mask: repeated(params, 'mask.fieldPaths'),
          transaction: string(params, 'transaction'),
          readTime: string(params, 'readTime'),
        },
        caller,
      );
    case 'POST':
      return engine.createDocument(
        {
          parent,
          collectionId,
          documentId: string(params, 'documentId'),
          document: asDocument(await readJsonBody(request)),
          mask: repeated(params, 'mask.fieldPaths'),
        },
        caller,
      );
    case 'PATCH': {
      const body = asDocument(await readJsonBody(request));
      if (body.name !== undefined && body.name !== name) {
        throw invalid(
          `Document name in the body (${JSON.stringify(body.name)}) differs from the URL's (${name}).`,
        );
      }
      return engine.updateDocument(
        {
          document: { ...body, name },
          updateMask: repeated(params, 'updateMask.fieldPaths'),
          mask: repeated(params, 'mask.fieldPaths'),
          currentDocument: precondition(params),
        },
        caller,
      );
    }
    case 'DELETE':
      return engine.deleteDocument({ name, currentDocument: precondition(params) }, caller);
    default:
      throw new NoSuchEndpoint();
  }
}
