import {
  Code,
  type Document,
  type ListenResponse,
  type Status,
  StatusError,
  type StructuredQuery,
  type Target,
  type TargetChange,
  validateQuery,
} from '@kindling/core';
import { microsToTimestamp, timestampToMicros } from '../clock.js';
import type { CommitRecord, DocumentChangeRecord } from '../commit-log.js';
import type { DatabaseStore } from '../database-store.js';
import { documentIn, parentIn } from '../reads.js';
import { checkArray, checkObject } from '../request-checks.js';
import { type DocEvent, Outbound } from './outbound.js';
import { decodeResumeToken } from './resume-token.js';
import type { SharedQueries } from './shared-queries.js';
import { currentSource, type DocumentSource, pastSource } from './sources.js';
import { ListenTarget, type MembershipUpdate, type TargetSpec } from './target.js';
import type {
  ListenContext,
  ListenLimits,
  ListenStream,
  ListenTransport,
  TargetGuard,
  TargetPermit,
} from './types.js';

/** One commit as every stream it reaches sees it (computed once per commit). */
export interface CommitFanOut {
  record: CommitRecord;
  /** Names of the documents the commit changed. */
  changed: ReadonlySet<string>;
  /** The database after the commit. */
  current: DocumentSource;
  resumeToken: string;
}

/** What a stream needs from its database's hub. */
export interface StreamHost {
  readonly ctx: ListenContext;
  readonly instanceId: string;
  readonly database: string;
  readonly store: DatabaseStore;
  readonly queries: SharedQueries;
  /** The resume token for `version` of this database. */
  token(version: number): string;
  register(target: ListenTarget, stream: Stream): void;
  unregister(target: ListenTarget): void;
  closed(stream: Stream): void;
}

const MAX_TARGET_ID = 2 ** 31 - 1;

const statusOf = (error: unknown): Status =>
  error instanceof StatusError
    ? { code: error.code, message: error.message }
    : {
        code: Code.INTERNAL,
        message: `Internal error: ${error instanceof Error ? error.message : String(error)}`,
      };

const sameVersion = (a: Document, b: Document) => a === b || a.updateTime === b.updateTime;

/** One connection's listen targets on one database, and the outbound buffer in front of its transport. */
export class Stream implements ListenStream {
  private readonly targets = new Map<number, ListenTarget>();
  private readonly outbound: Outbound;
  /** The buffer overflowed: commits are not followed until it drains and every target is caught up. */
  private stale = false;
  private closed = false;

  constructor(
    private readonly host: StreamHost,
    transport: ListenTransport,
    private readonly limits: ListenLimits,
    private readonly guard: TargetGuard,
  ) {
    this.outbound = new Outbound(transport, limits, {
      delivered: (role, target) => {
        if (role === 'current' && target) target.currentDelivered = true;
        if (role === 'filter' && target) target.filterDelivered = true;
      },
      overflowed: () => {
        this.stale = true;
        for (const target of this.targets.values()) target.invalidate();
      },
      drained: () => {
        if (this.stale && !this.closed) this.catchUp();
      },
      // No caller to report to on a timer: the stream ends as if its connection had closed.
      failed: () => this.close(),
    });
  }

  get targetCount(): number {
    return this.targets.size;
  }

  /** Frames waiting in the outbound buffer. */
  get buffered(): number {
    return this.outbound.length;
  }

  /** Nothing is waiting: the buffer is empty and no target awaits a resync. */
  get settled(): boolean {
    return this.outbound.length === 0 && !this.stale;
  }

  addTarget(target: Target): void {
    if (this.closed) return;
    const raw = target as unknown;
    const id = isRecord(raw) ? raw.targetId : undefined;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_TARGET_ID) {
      this.refuse(
        typeof id === 'number' ? [id] : [],
        new StatusError(
          Code.INVALID_ARGUMENT,
          'A target needs a "targetId" that is an integer from 0 to 2^31-1.',
        ),
      );
      return;
    }
    if (this.targets.has(id)) {
      this.refuse(
        [id],
        new StatusError(Code.INVALID_ARGUMENT, `Target ID ${id} is already in use on this stream.`),
      );
      return;
    }
    let parsed: ParsedTarget;
    let permit: TargetPermit;
    try {
      parsed = this.parse(raw as Record<string, unknown>);
      permit = this.guard(parsed.spec);
    } catch (error) {
      this.refuse([id], error);
      return;
    }
    if (this.targets.size >= this.limits.maxTargets) {
      this.refuse(
        [id],
        new StatusError(
          Code.RESOURCE_EXHAUSTED,
          `Too many targets on this stream: the limit is ${this.limits.maxTargets} (MAX_SUBSCRIPTIONS_PER_CLIENT).`,
        ),
      );
      return;
    }
    const base =
      parsed.resumeVersion === undefined ? undefined : pastSource(this.host.store, parsed.resumeVersion);
    const listen = new ListenTarget(
      id,
      parsed.spec,
      base ? parsed.expectedCount : undefined,
      parsed.spec.kind === 'query'
        ? this.host.queries.acquire(parsed.spec.parent, parsed.spec.query)
        : undefined,
    );
    listen.permit = permit;
    this.targets.set(id, listen);
    this.host.register(listen, this);
    this.outbound.control({ targetChange: { targetChangeType: 'ADD', targetIds: [id] } }, 'add', listen);
    if (base) {
      for (const [name, doc] of listen.result(base)) listen.members.set(name, doc);
    } else if (parsed.resumeVersion !== undefined) {
      this.outbound.control(
        { targetChange: { targetChangeType: 'RESET', targetIds: [id] } },
        'reset',
        listen,
      );
    }
    if (this.stale) return;
    const readTime = this.readTime();
    this.sync([listen], readTime);
    this.marker(readTime);
  }

  removeTarget(targetId: number): void {
    if (this.closed) return;
    const target = this.targets.get(targetId);
    if (!target) {
      this.refuse(
        typeof targetId === 'number' ? [targetId] : [],
        new StatusError(Code.INVALID_ARGUMENT, `Target ID ${targetId} is not listening on this stream.`),
      );
      return;
    }
    this.drop(target);
  }

  recheck(): void {
    if (this.closed) return;
    for (const target of [...this.targets.values()]) this.admit(target);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbound.close();
    for (const target of this.targets.values()) {
      this.host.unregister(target);
      target.live = false;
    }
    this.targets.clear();
    this.host.closed(this);
  }

  /**
   * One commit's changes to this stream's targets (only those filed under the changed documents' keys). A
   * target whose permit no longer holds is re-checked first, as the official emulator re-checks a listener
   * before each change it sends: rules that read other documents (get, exists) or the time may deny it now,
   * and then it is removed, never told the change.
   */
  applyCommit(commit: CommitFanOut, affected: Map<ListenTarget, DocumentChangeRecord[]>): void {
    if (this.closed || this.stale) return;
    const byName = new Map<string, { doc: Document | null; updates: [ListenTarget, boolean][] }>();
    for (const [target, changes] of affected) {
      if (!target.live || !this.stillAdmitted(target)) continue;
      for (const update of target.apply(changes, commit.current)) collect(byName, target, update);
    }
    const { commitTime } = commit.record;
    for (const [name, { doc, updates }] of byName)
      this.emit(name, doc, commit.changed.has(name), updates, commitTime);
    // A marker even when nothing changed for the client: its readTime tells it the commit has been seen.
    this.outbound.marker(commitTime, commit.resumeToken);
  }

  // Removes `target`: one REMOVE, with `cause` when the server ends it.
  private drop(target: ListenTarget, cause?: unknown): void {
    this.targets.delete(target.id);
    this.host.unregister(target);
    target.live = false;
    const targetChange: TargetChange = { targetChangeType: 'REMOVE', targetIds: [target.id] };
    if (cause !== undefined) targetChange.cause = statusOf(cause);
    this.outbound.control({ targetChange }, 'remove');
    target.members.clear();
  }

  // Whether the guard still admits `target`; when not, the target is removed with the guard's error.
  private admit(target: ListenTarget): boolean {
    try {
      target.permit = this.guard(target.spec);
      return true;
    } catch (error) {
      this.drop(target, error);
      return false;
    }
  }

  // Like admit(), but trusts a permit that still holds.
  private stillAdmitted(target: ListenTarget): boolean {
    return target.permit() || this.admit(target);
  }

  // Sends each target's result as the changes from what the client holds (nothing, or its resume point),
  // then CURRENT and the existence filters the targets are owed.
  private sync(targets: ListenTarget[], readTime: string): void {
    const current = currentSource(this.host.store);
    const byName = new Map<string, { doc: Document | null; updates: [ListenTarget, boolean][] }>();
    for (const target of targets) {
      const result = target.result(current, true);
      for (const [name, doc] of result) collect(byName, target, { name, doc, in: true });
      for (const name of target.members.keys()) {
        if (!result.has(name)) collect(byName, target, { name, doc: current.get(name), in: false });
      }
    }
    for (const [name, { doc, updates }] of byName) this.emit(name, doc, false, updates, readTime);
    const resumeToken = this.token();
    for (const target of targets) {
      if (!target.currentDelivered) {
        this.outbound.control(
          { targetChange: { targetChangeType: 'CURRENT', targetIds: [target.id], resumeToken } },
          'current',
          target,
        );
      }
      if (target.expectedCount !== undefined && !target.filterDelivered) {
        this.outbound.control(
          { filter: { targetId: target.id, count: target.members.size } },
          'filter',
          target,
        );
      }
    }
  }

  // Updates the targets' membership of one document and sends (or queues) the change, if any.
  private emit(
    name: string,
    doc: Document | null,
    changed: boolean,
    updates: [ListenTarget, boolean][],
    readTime: string,
  ): void {
    const priors = new Map<ListenTarget, Document | undefined>();
    const inTargets = new Set<ListenTarget>();
    for (const [target, isIn] of updates) {
      const prior = target.members.get(name);
      if (isIn && doc) {
        inTargets.add(target);
        if (prior && sameVersion(prior, doc)) continue;
        target.members.set(name, doc);
        priors.set(target, prior);
      } else if (prior !== undefined) {
        target.members.delete(name);
        priors.set(target, prior);
      }
    }
    if (priors.size === 0) return;
    // Targets that already held this version need not hear of it again.
    for (const target of inTargets) if (!priors.has(target)) inTargets.delete(target);
    const event: DocEvent = { name, doc, changed, readTime, inTargets, priors };
    this.outbound.document(event);
  }

  private catchUp(): void {
    this.stale = false;
    const readTime = this.readTime();
    // Commits went by unseen: every target must pass its check on what it is about to be sent.
    const admitted = [...this.targets.values()].filter((t) => this.stillAdmitted(t));
    this.sync(admitted, readTime);
    this.marker(readTime);
  }

  private marker(readTime: string): void {
    this.outbound.marker(readTime, this.token());
  }

  private token(): string {
    return this.host.token(this.host.store.version);
  }

  // A read time later than every commit so far, for a snapshot that follows no commit.
  private readTime(): string {
    return microsToTimestamp(this.host.ctx.clock.tick());
  }

  private refuse(targetIds: number[], error: unknown): void {
    const response: ListenResponse = {
      targetChange: { targetChangeType: 'REMOVE', targetIds, cause: statusOf(error) },
    };
    this.outbound.control(response, 'remove');
  }

  private parse(target: Record<string, unknown>): ParsedTarget {
    const { query, documents, resumeToken, readTime } = target;
    // proto3 JSON renders an Int32Value as a bare number; gRPC-style JSON sends { value }.
    const expectedCount = isRecord(target.expectedCount) ? target.expectedCount.value : target.expectedCount;
    if ((query === undefined) === (documents === undefined)) {
      throw new StatusError(Code.INVALID_ARGUMENT, 'A target needs exactly one of "query" and "documents".');
    }
    if (resumeToken !== undefined && readTime !== undefined) {
      throw new StatusError(Code.INVALID_ARGUMENT, 'A target may set "resumeToken" or "readTime", not both.');
    }
    if (
      expectedCount !== undefined &&
      (typeof expectedCount !== 'number' || !Number.isInteger(expectedCount) || expectedCount < 0)
    ) {
      throw new StatusError(Code.INVALID_ARGUMENT, '"expectedCount" must be a non-negative integer.');
    }
    const database = this.host.database;
    let spec: TargetSpec;
    if (query !== undefined) {
      checkObject(query, 'query');
      const parent = parentIn(database, query.parent, 'query.parent');
      checkObject(query.structuredQuery, 'query.structuredQuery');
      const structured = query.structuredQuery as StructuredQuery;
      validateQuery(structured, parent);
      spec = { kind: 'query', parent, query: structured };
    } else {
      checkObject(documents, 'documents');
      const names = documents.documents ?? [];
      checkArray(names, 'documents.documents');
      spec = {
        kind: 'documents',
        names: [...new Set(names.map((n, i) => documentIn(database, n, `documents.documents[${i}]`)))],
      };
    }
    return {
      spec,
      resumeVersion: this.resumeVersion(resumeToken, readTime),
      expectedCount: expectedCount as number | undefined,
    };
  }

  // The version the client says it holds; -1 (never resumable) for a token of another run or database.
  private resumeVersion(resumeToken: unknown, readTime: unknown): number | undefined {
    if (resumeToken !== undefined && resumeToken !== '') {
      const point = decodeResumeToken(resumeToken);
      if (!point || point.instanceId !== this.host.instanceId || point.database !== this.host.database)
        return -1;
      return point.version;
    }
    if (readTime !== undefined) {
      if (typeof readTime !== 'string') {
        throw new StatusError(Code.INVALID_ARGUMENT, '"readTime" must be an RFC 3339 timestamp string.');
      }
      const micros = timestampToMicros(readTime);
      return this.host.store.versionAt(micros);
    }
    return undefined;
  }
}

interface ParsedTarget {
  spec: TargetSpec;
  resumeVersion: number | undefined;
  expectedCount: number | undefined;
}

function collect(
  byName: Map<string, { doc: Document | null; updates: [ListenTarget, boolean][] }>,
  target: ListenTarget,
  update: MembershipUpdate,
): void {
  let entry = byName.get(update.name);
  if (!entry) {
    entry = { doc: update.doc, updates: [] };
    byName.set(update.name, entry);
  }
  entry.updates.push([target, update.in]);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
