/**
 * Firestore Security Rules: compile a rules file once, then authorize document accesses and queries with it.
 * The engine calls only this module; the parser, value library, evaluator and query prover stay internal.
 */
import type { Document, StructuredQuery } from '@kindling/core';
import { parseRules } from './parser.js';
import { CompiledRuleset } from './ruleset.js';

export { RulesCompileError } from './compile-error.js';

/** The decoded claims of the caller's token: `uid` is its `sub`, `token` every claim. */
export interface AuthContext {
  uid: string;
  token: Record<string, unknown>;
}

/** What `get()`/`exists()` (`before`) and `getAfter()`/`existsAfter()` (`after`) read, by full document name. */
export interface DocumentReader {
  before(name: string): Document | null;
  after(name: string): Document | null;
  /**
   * Whether the request (any write of its batch or transaction) writes `name`. getAfter() of a written
   * document is its state after the commit, `null` once deleted; of any other missing document, an error.
   * Absent: the request writes nothing.
   */
  writes?(name: string): boolean;
}

/**
 * The documents `get()`/`exists()`/`getAfter()`/`existsAfter()` may read: `limit` distinct names per request
 * (10, or 20 across a batch or transaction). `seen` collects the names read so far, so share one budget across
 * every evaluation of one batch or transaction.
 */
export interface LookupBudget {
  readonly limit: number;
  readonly seen: Set<string>;
}

export interface AccessRequest {
  /** Full document name `projects/p/databases/d/documents/…`. */
  path: string;
  method: 'get' | 'create' | 'update' | 'delete';
  auth: AuthContext | null;
  /** RFC 3339; `request.time`. */
  time: string;
  /** The stored document, null when it does not exist. */
  resource: Document | null;
  /** create/update: the document after this write and its transforms (`request.resource`). */
  requestResource?: Document;
}

export interface QueryAccessRequest {
  /** Full parent name: `…/documents` or a document. */
  parent: string;
  /** Validated, as received (a collection group query has `allDescendants`). */
  query: StructuredQuery;
  auth: AuthContext | null;
  time: string;
}

export type Decision = { allowed: true } | { allowed: false; message: string };

export interface Ruleset {
  readonly source: string;
  /** Whether a decision may depend on `request.time` (see time-dependence.ts): then it can change by itself. */
  readonly readsTime: boolean;
  authorize(request: AccessRequest, reads: DocumentReader, budget: LookupBudget): Decision;
  /** "Rules are not filters": allowed only when the list rules hold for every document the query could return. */
  authorizeQuery(request: QueryAccessRequest, reads: DocumentReader, budget: LookupBudget): Decision;
}

/** Parses and checks `source`; throws RulesCompileError with every issue found. */
export function compileRules(source: string): Ruleset {
  return new CompiledRuleset(source, parseRules(source));
}
