import type { IncomingMessage, ServerResponse } from 'node:http';
import { Code, type Method, type Precondition, StatusError } from '@kindling/core';
import type { Engine } from '../engine/index.js';
import { readJsonBody, sendError, sendJson, sendText, setCorsHeaders } from './http-io.js';
import { type Route, routeOf, type Verb } from './rest-route.js';

const invalid = (message: string) => new StatusError(Code.INVALID_ARGUMENT, message);

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

// ---- dispatch ----

const DATABASE_VERBS: ReadonlySet<Verb> = new Set(['commit', 'batchGet', 'beginTransaction', 'rollback']);

class NotFound extends Error {}

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

async function documents(
  engine: Engine,
  req: IncomingMessage,
  params: URLSearchParams,
  route: Extract<Route, { kind: 'documents' }>,
): Promise<unknown> {
  const { database, path, verb } = route;
  const name = [`${database}/documents`, ...path].join('/');
  if (verb) {
    if (req.method !== 'POST') throw new NotFound();
    if (DATABASE_VERBS.has(verb) && path.length > 0) throw new NotFound();
    const body = asObject(await readJsonBody(req));
    // The URL names the database or parent; fields of the same name in the body do not override it.
    const request = DATABASE_VERBS.has(verb) ? { ...body, database } : { ...body, parent: name };
    return engine.call(verb as Method, request as never);
  }
  if (path.length === 0) throw new NotFound();
  // A path with an empty segment is reported as a malformed document name, as Firestore does.
  const isCollection = path.length % 2 === 1 && !path.includes('');
  const parent = [`${database}/documents`, ...path.slice(0, -1)].join('/');
  const collectionId = path[path.length - 1];
  switch (req.method) {
    case 'GET':
      if (isCollection) {
        return engine.listDocuments({
          parent,
          collectionId,
          pageSize: int32(params, 'pageSize'),
          pageToken: string(params, 'pageToken'),
          orderBy: string(params, 'orderBy'),
          mask: repeated(params, 'mask.fieldPaths'),
          showMissing: bool(params, 'showMissing'),
          transaction: string(params, 'transaction'),
          readTime: string(params, 'readTime'),
        });
      }
      return engine.getDocument({
        name,
        mask: repeated(params, 'mask.fieldPaths'),
        transaction: string(params, 'transaction'),
        readTime: string(params, 'readTime'),
      });
    case 'POST': {
      const body = asDocument(await readJsonBody(req));
      return engine.createDocument({
        parent,
        collectionId,
        documentId: string(params, 'documentId'),
        document: body,
        mask: repeated(params, 'mask.fieldPaths'),
      });
    }
    case 'PATCH': {
      const body = asDocument(await readJsonBody(req));
      if (body.name !== undefined && body.name !== name) {
        throw invalid(
          `Document name in the body (${JSON.stringify(body.name)}) differs from the URL's (${name}).`,
        );
      }
      return engine.updateDocument({
        document: { ...body, name },
        updateMask: repeated(params, 'updateMask.fieldPaths'),
        mask: repeated(params, 'mask.fieldPaths'),
        currentDocument: precondition(params),
      });
    }
    case 'DELETE':
      return engine.deleteDocument({ name, currentDocument: precondition(params) });
    default:
      throw new NotFound();
  }
}

/** Serves one HTTP request of Firestore's REST API or the emulator's admin endpoints. */
export async function handleRest(engine: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  setCorsHeaders(req, res);
  try {
    if (req.method === 'OPTIONS') return sendText(res, 200, '');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routeOf(url.pathname);
    if (route?.kind === 'root' && (req.method === 'GET' || req.method === 'HEAD'))
      return sendText(res, 200, 'Ok');
    if (route?.kind === 'clear' && req.method === 'DELETE') {
      engine.clearDatabase(route.database);
      return sendJson(res, 200, {});
    }
    if (route?.kind !== 'documents') throw new NotFound();
    sendJson(res, 200, await documents(engine, req, url.searchParams, route));
  } catch (error) {
    if (error instanceof NotFound) {
      return sendJson(res, 404, {
        error: { code: 404, message: `No such endpoint: ${req.method} ${req.url}`, status: 'NOT_FOUND' },
      });
    }
    sendError(res, error);
  }
}
