import {
  Code,
  type Document,
  type DocumentMask,
  documentName,
  type Precondition,
  parseParent,
  StatusError,
  validateCollectionId,
  validateDocumentId,
  type Write,
} from '@kindling/core';
import type { Access } from './access.js';
import { commit } from './commit.js';
import type { EngineContext } from './context.js';
import { autoId } from './ids.js';
import { applyMask, documentIn, parentIn } from './reads.js';
import {
  checkObject,
  checkOptionalObject,
  checkOptionalString,
  checkString,
  maskPaths,
} from './request-checks.js';

// The single-document methods of Firestore's REST API (CreateDocument, UpdateDocument, DeleteDocument), each one
// commit of one write.

export interface CreateDocumentRequest {
  parent: string;
  collectionId: string;
  /** A 20-character auto id when absent. */
  documentId?: string;
  document: Partial<Document>;
  mask?: DocumentMask;
}

export interface UpdateDocumentRequest {
  document: Document;
  updateMask?: DocumentMask;
  mask?: DocumentMask;
  currentDocument?: Precondition;
}

export interface DeleteDocumentRequest {
  name: string;
  currentDocument?: Precondition;
}

function commitOne(
  ctx: EngineContext,
  database: string,
  write: Write,
  mask: string[] | undefined,
  access: Access,
): Document {
  const name = write.update!.name;
  const { record } = commit(ctx, { database, writes: [write] }, access);
  const after = record?.changes.find((c) => c.name === name)?.after ?? ctx.store(database).get(name).doc;
  if (!after) throw new StatusError(Code.INTERNAL, `Document ${name} vanished after its write.`);
  return applyMask(after, mask);
}

export function createDocument(
  ctx: EngineContext,
  database: string,
  request: CreateDocumentRequest,
  access: Access,
): Document {
  checkObject(request, 'request');
  const parent = parentIn(database, request.parent);
  checkString(request.collectionId, 'collectionId');
  validateCollectionId(request.collectionId);
  checkOptionalString(request.documentId, 'documentId');
  const id = request.documentId || autoId();
  validateDocumentId(id);
  checkOptionalObject(request.document, 'document');
  const mask = maskPaths(request.mask, 'mask');
  const name = documentName(database, [...parseParent(parent).path, request.collectionId, id]);
  const update: Document = { name, fields: request.document?.fields ?? {} };
  return commitOne(ctx, database, { update, currentDocument: { exists: false } }, mask, access);
}

export function updateDocument(
  ctx: EngineContext,
  database: string,
  request: UpdateDocumentRequest,
  access: Access,
): Document {
  checkObject(request, 'request');
  checkObject(request.document, 'document');
  documentIn(database, request.document.name, 'document.name');
  const mask = maskPaths(request.mask, 'mask');
  const write: Write = { update: { name: request.document.name, fields: request.document.fields ?? {} } };
  if (request.updateMask !== undefined) write.updateMask = request.updateMask;
  if (request.currentDocument !== undefined) write.currentDocument = request.currentDocument;
  return commitOne(ctx, database, write, mask, access);
}

export function deleteDocument(
  ctx: EngineContext,
  database: string,
  request: DeleteDocumentRequest,
  access: Access,
): void {
  checkObject(request, 'request');
  const name = documentIn(database, request.name, 'name');
  const write: Write = { delete: name };
  if (request.currentDocument !== undefined) write.currentDocument = request.currentDocument;
  commit(ctx, { database, writes: [write] }, access);
}
