import type { CommitRecord, DocumentChangeRecord } from '../commit-log.js';
import type { DatabaseStore } from '../database-store.js';
import { MatchingIndex } from './matching-index.js';
import { encodeResumeToken } from './resume-token.js';
import { SharedQueries } from './shared-queries.js';
import { currentSource } from './sources.js';
import { type CommitFanOut, Stream, type StreamHost } from './stream.js';
import type { ListenTarget } from './target.js';
import type { ListenContext, ListenLimits, ListenStream, ListenTransport, TargetGuard } from './types.js';

/**
 * The open streams of one database and the index of all their targets. It follows the database's commit log
 * while it has streams, and hands each commit's changes to the targets filed under the changed documents' keys.
 */
export class DatabaseHub implements StreamHost {
  readonly store: DatabaseStore;
  readonly queries = new SharedQueries();
  private readonly streams = new Set<Stream>();
  private readonly index = new MatchingIndex<ListenTarget>();
  private readonly owners = new Map<ListenTarget, Stream>();
  private unsubscribe: (() => void) | undefined;
  private lastToken = { version: -1, token: '' };

  constructor(
    readonly ctx: ListenContext,
    readonly instanceId: string,
    readonly database: string,
    private readonly released: () => void,
  ) {
    this.store = ctx.store(database);
  }

  get streamCount(): number {
    return this.streams.size;
  }

  open(transport: ListenTransport, limits: ListenLimits, guard: TargetGuard): ListenStream {
    const stream = new Stream(this, transport, limits, guard);
    this.streams.add(stream);
    this.unsubscribe ??= this.store.log.subscribe((record) => this.fanOut(record));
    return stream;
  }

  register(target: ListenTarget, stream: Stream): void {
    this.index.add(target.keys, target);
    this.owners.set(target, stream);
  }

  unregister(target: ListenTarget): void {
    this.index.remove(target.keys, target);
    this.owners.delete(target);
    if (target.compiled) this.queries.release(target.compiled);
  }

  token(version: number): string {
    if (this.lastToken.version !== version) {
      const token = encodeResumeToken({ instanceId: this.instanceId, database: this.database, version });
      this.lastToken = { version, token };
    }
    return this.lastToken.token;
  }

  closed(stream: Stream): void {
    this.streams.delete(stream);
    if (this.streams.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.released();
  }

  private fanOut(record: CommitRecord): void {
    const affected = new Map<Stream, Map<ListenTarget, DocumentChangeRecord[]>>();
    for (const change of record.changes) {
      for (const bucket of this.index.bucketsOf(change.name)) {
        for (const target of bucket) {
          const stream = this.owners.get(target);
          if (!stream) continue;
          let targets = affected.get(stream);
          if (!targets) {
            targets = new Map();
            affected.set(stream, targets);
          }
          const changes = targets.get(target);
          if (!changes) targets.set(target, [change]);
          else if (changes[changes.length - 1] !== change) changes.push(change);
        }
      }
    }
    if (affected.size === 0) return;
    const commit: CommitFanOut = {
      record,
      changed: new Set(record.changes.map((c) => c.name)),
      current: currentSource(this.store),
      resumeToken: this.token(record.version),
    };
    for (const [stream, targets] of affected) {
      try {
        stream.applyCommit(commit, targets);
      } catch {
        // A broken transport must not fail the commit or starve the other streams.
        stream.close();
      }
    }
  }
}
