import {
  Code,
  type Document,
  type GetDocumentRequest,
  type ListDocumentsRequest,
  type ListDocumentsResponse,
  type Method,
  parseDatabaseName,
  parseDocumentName,
  parseParent,
  type RequestOf,
  type ResponseOf,
  StatusError,
} from '@kindling/core';
import { Access, snapshotReader } from './access.js';
import { type Caller, principalOf, UNAUTHENTICATED } from './auth.js';
import { Clock, microsToTimestamp } from './clock.js';
import { commit } from './commit.js';
import type { EngineContext } from './context.js';
import { DatabaseStore } from './database-store.js';
import {
  type CreateDocumentRequest,
  createDocument,
  type DeleteDocumentRequest,
  deleteDocument,
  type UpdateDocumentRequest,
  updateDocument,
} from './document-writes.js';
import { autoId } from './ids.js';
import { ListenManager, PERMANENT, RECHECK, type TargetPermit, type TargetSpec } from './listen/index.js';
import { listCollectionIds, listDocuments } from './listings.js';
import { lookupBudget, SINGLE_LOOKUPS } from './lookup-budgets.js';
import { ProjectRules } from './project-rules.js';
import { recordingReader } from './read-dependencies.js';
import { beginTransaction } from './read-view.js';
import { batchGet, getDocument, runAggregationQuery, runQuery } from './reads.js';
import { checkObject, checkString } from './request-checks.js';
import { compileRules, type Ruleset } from './rules/index.js';
import { openSession, type Session, type SessionOptions } from './session.js';
import { SessionRegistry } from './session-registry.js';
import { TransactionRegistry } from './transactions.js';

/** How the realtime layer treats connections (docs/protocol.md#configuration); times in milliseconds. */
export interface RealtimeSettings {
  /** The server pings every connection this often and `welcome` asks clients to; 0: no pings. Default 30 s. */
  heartbeatIntervalMs: number;
  /** A connection silent this long is closed with 1001; 0: never. Default 90 s. */
  connectionTimeoutMs: number;
  /** Listen targets per connection; the next add is removed with RESOURCE_EXHAUSTED. Default 100. */
  maxSubscriptionsPerClient: number;
  /** Listen frames a congested connection may have queued before its targets go stale. Default 200. */
  eventBufferSize: number;
  /** Sweep for dead sessions this often; 0: never. Default 60 s. */
  cleanupIntervalMs: number;
  /** Unsent socket bytes above which listen frames queue in the server instead. Default 8 MiB. */
  maxBufferedBytes: number;
}

export const DEFAULT_REALTIME_SETTINGS: Readonly<RealtimeSettings> = {
  heartbeatIntervalMs: 30_000,
  connectionTimeoutMs: 90_000,
  maxSubscriptionsPerClient: 100,
  eventBufferSize: 200,
  cleanupIntervalMs: 60_000,
  maxBufferedBytes: 8 * 1024 * 1024,
};

export interface EngineOptions extends Partial<RealtimeSettings> {
  /** The wall clock in milliseconds (tests pass a fake one). */
  now?: () => number;
  /** Commits each database's log keeps for resuming listeners. Default 1000. */
  commitLogSize?: number;
  /** How far back reads at a readTime may go. Default one hour, as Firestore without point-in-time recovery. */
  versionRetentionMs?: number;
  /** Security rules source to enforce from the start (RulesCompileError when it does not compile). */
  rules?: string;
  /** A transaction expires this long after it began (default 270 s) … */
  transactionLifetimeMs?: number;
  /** … or after being unused this long (default 60 s). */
  transactionIdleMs?: number;
}

type Handler<M extends Method> = (request: RequestOf<M>, caller: Caller) => ResponseOf<M>;

const MS = 1000;

/** Firestore's one-shot methods over in-memory databases, isolated by `projects/{p}/databases/{d}` name. */
export class Engine {
  /** Identifies this engine's run; resume tokens will carry it. */
  readonly instanceId = autoId(12);
  readonly settings: Readonly<RealtimeSettings>;
  /** Listen targets of every session, matched against each commit. */
  readonly listen: ListenManager;
  /** Open WebSocket-protocol sessions; a periodic sweep ends dead ones. */
  readonly sessions: SessionRegistry;
  private readonly context: EngineContext;
  private readonly stores = new Map<string, DatabaseStore>();
  private readonly handlers: { [M in Method]: Handler<M> };
  private readonly rules = new ProjectRules();

  constructor(options: EngineOptions = {}) {
    const settings = { ...DEFAULT_REALTIME_SETTINGS };
    for (const key of Object.keys(settings) as (keyof RealtimeSettings)[]) {
      if (options[key] !== undefined) settings[key] = options[key];
    }
    this.settings = settings;
    this.sessions = new SessionRegistry(settings);
    const clock = new Clock(options.now);
    const retention = (options.versionRetentionMs ?? 3_600_000) * MS;
    const transactions = new TransactionRegistry({
      maxLifetime: (options.transactionLifetimeMs ?? 270_000) * MS,
      maxIdle: (options.transactionIdleMs ?? 60_000) * MS,
    });
    this.context = {
      clock,
      transactions,
      store: (name) => {
        let store = this.stores.get(name);
        if (!store) {
          parseDatabaseName(name);
          store = new DatabaseStore(name, clock.now(), { retention, commitLogSize: options.commitLogSize });
          this.stores.set(name, store);
        }
        return store;
      },
    };
    const ctx = this.context;
    this.listen = new ListenManager(ctx, this.instanceId);
    const databaseOf = (request: { database?: unknown }) => {
      checkObject(request, 'request');
      checkString(request.database, 'database');
      parseDatabaseName(request.database);
      return request.database;
    };
    const databaseOfParent = (request: { parent?: unknown }) => {
      checkObject(request, 'request');
      checkString(request.parent, 'parent');
      return parseParent(request.parent).database;
    };
    // A handler of a request on one database (named by `database`, or by `parent`), checked as `caller`.
    const onDatabase =
      <M extends Method>(
        databaseOfRequest: (r: RequestOf<M>) => string,
        run: (r: RequestOf<M>, database: string, access: Access) => ResponseOf<M>,
      ): Handler<M> =>
      (r, caller) => {
        const database = databaseOfRequest(r);
        return run(r, database, this.access(caller, database));
      };
    this.handlers = {
      commit: onDatabase(
        databaseOf,
        (r, database, access) => commit(ctx, { ...r, database }, access).response,
      ),
      batchGet: onDatabase(databaseOf, (r, database, access) => batchGet(ctx, { ...r, database }, access)),
      runQuery: onDatabase(databaseOfParent, (r, database, access) => runQuery(ctx, database, r, access)),
      runAggregationQuery: onDatabase(databaseOfParent, (r, database, access) =>
        runAggregationQuery(ctx, database, r, access),
      ),
      beginTransaction: (r) => ({ transaction: beginTransaction(ctx, databaseOf(r), r.options).id }),
      rollback: (r) => {
        databaseOf(r);
        ctx.transactions.close(r.transaction);
        return {};
      },
      listCollectionIds: onDatabase(databaseOfParent, (r, database, access) =>
        listCollectionIds(ctx, database, r, access),
      ),
      listDocuments: onDatabase(databaseOfParent, (r, database, access) =>
        listDocuments(ctx, database, r, access),
      ),
    };
    if (options.rules !== undefined) this.rules.set(compileRules(options.rules));
  }

  /**
   * The security rules enforced for `projectId` (default: the rules of projects without their own), or null
   * when none are loaded (every request is allowed).
   */
  rulesSource(projectId?: string): string | null {
    const rules = projectId === undefined ? this.rules.default : this.rules.of(projectId);
    return rules?.source ?? null;
  }

  /**
   * Replaces the security rules of `projectId`, or the default ones that every project without rules of its own
   * follows: a source to compile, an already compiled Ruleset, or null (none: everything is allowed). A source
   * that does not compile throws RulesCompileError and leaves the rules as they were. Every session's listen
   * targets are re-checked at once: those no longer allowed are removed with PERMISSION_DENIED.
   */
  setRules(rules: string | Ruleset | null, projectId?: string): void {
    this.rules.set(typeof rules === 'string' ? compileRules(rules) : rules, projectId);
    this.sessions.recheckAll();
  }

  /**
   * Runs one method for `caller` (default: unauthenticated; `owner` bypasses the rules); rejects with a
   * StatusError for anything Firestore would refuse, PERMISSION_DENIED when the rules deny it.
   */
  async call<M extends Method>(
    method: M,
    request: RequestOf<M>,
    caller: Caller = UNAUTHENTICATED,
  ): Promise<ResponseOf<M>> {
    if (!Object.hasOwn(this.handlers, method)) {
      throw new StatusError(Code.UNIMPLEMENTED, `Unknown method ${JSON.stringify(method)}.`);
    }
    // A malformed token fails every method first, those rules never judge (transactions) included.
    principalOf(caller);
    return (this.handlers[method] as Handler<M>)(request, caller);
  }

  async getDocument(request: GetDocumentRequest, caller: Caller = UNAUTHENTICATED): Promise<Document> {
    const database = this.documentDatabase(request.name);
    return getDocument(this.context, database, request, this.access(caller, database));
  }

  async listDocuments(
    request: ListDocumentsRequest,
    caller: Caller = UNAUTHENTICATED,
  ): Promise<ListDocumentsResponse> {
    return this.call('listDocuments', request, caller);
  }

  async createDocument(request: CreateDocumentRequest, caller: Caller = UNAUTHENTICATED): Promise<Document> {
    checkObject(request, 'request');
    checkString(request.parent, 'parent');
    const { database } = parseParent(request.parent);
    return createDocument(this.context, database, request, this.access(caller, database));
  }

  async updateDocument(request: UpdateDocumentRequest, caller: Caller = UNAUTHENTICATED): Promise<Document> {
    checkObject(request, 'request');
    checkObject(request.document, 'document');
    const database = this.documentDatabase(request.document.name);
    return updateDocument(this.context, database, request, this.access(caller, database));
  }

  async deleteDocument(
    request: DeleteDocumentRequest,
    caller: Caller = UNAUTHENTICATED,
  ): Promise<Record<string, never>> {
    const database = this.documentDatabase(request?.name);
    deleteDocument(this.context, database, request, this.access(caller, database));
    return {};
  }

  /**
   * Throws PERMISSION_DENIED unless `caller` may listen to a target of `database` now: a query target as the
   * query (rules are not filters), a documents target as a get of each document in its current state. The
   * permit returned tells later whether that decision still holds as it stands: while no document the check
   * read has changed, unless the rules read `request.time`.
   */
  authorizeTarget(database: string, spec: TargetSpec, caller: Caller): TargetPermit {
    const access = this.access(caller, database);
    if (!access.restricted) return PERMANENT;
    const time = microsToTimestamp(this.context.clock.now());
    const { reads, unchanged } = recordingReader(snapshotReader(this.context, database));
    if (spec.kind === 'query') {
      access.query(spec.parent, spec.query, time, reads);
    } else {
      const accesses = spec.names.map((name) => ({
        path: name,
        method: 'get' as const,
        resource: reads.before(name),
      }));
      const budget = lookupBudget(SINGLE_LOOKUPS);
      access.documents(accesses, time, reads, () => budget);
    }
    return access.readsTime ? RECHECK : unchanged;
  }

  /** Deletes every document of a database and closes its transactions. */
  clearDatabase(database: string): void {
    parseDatabaseName(database);
    const store = this.stores.get(database);
    this.context.transactions.closeAll(database);
    store?.clear(this.context.clock.tick());
  }

  /** The store of a database (created empty on first use): the realtime layer reads it and its commit log. */
  database(name: string): DatabaseStore {
    return this.context.store(name);
  }

  /** Opens a WebSocket-protocol session (docs/protocol.md) that answers through `send`. */
  openSession(send: SessionOptions['send'], options: Omit<SessionOptions, 'send'> = {}): Session {
    return openSession(this, { ...options, send });
  }

  // `database` is a valid database name (`projects/{p}/databases/{d}`).
  private access(caller: Caller, database: string): Access {
    return Access.of(this.rules.of(database.split('/')[1] as string), caller);
  }

  private documentDatabase(name: unknown): string {
    checkString(name, 'name');
    return parseDocumentName(name).database;
  }
}
