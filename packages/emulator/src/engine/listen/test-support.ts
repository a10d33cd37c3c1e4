import type { Document, ListenResponse, Target, Write } from '@kindling/core';
import { expect } from 'vitest';
import { timestampToMicros } from '../clock.js';
import type { EngineContext } from '../context.js';
import { Engine, type EngineOptions } from '../engine.js';
import { DB, ROOT } from '../test-support.js';
import { ListenManager } from './manager.js';
import type { ListenLimits, ListenStream, ListenTransport } from './types.js';

export const LIMITS: ListenLimits = {
  maxTargets: 100,
  eventBufferSize: 200,
  maxBufferedBytes: 1000,
  drainPollMs: 1,
};

/** A transport that records what it is sent; tests set `buffered` to simulate a socket that is not draining. */
export class FakeTransport implements ListenTransport {
  readonly sent: ListenResponse[] = [];
  buffered = 0;
  /** Called after each send (e.g. to fill the socket's buffer). */
  onSend?: () => void;

  send(response: ListenResponse): void {
    this.sent.push(structuredClone(response));
    this.onSend?.();
  }

  bufferedAmount(): number {
    return this.buffered;
  }

  /** Everything sent since the last call. */
  take(): ListenResponse[] {
    return this.sent.splice(0);
  }
}

/**
 * A client applying listen responses as Firestore's SDK does: a target's documents change with document
 * frames, RESET clears them, and a snapshot is taken at each global marker. It checks the stream's invariants
 * as it goes (one ADD per add, nothing for unknown targets, readTime never going back).
 */
export class ClientModel {
  readonly targets = new Map<number, Map<string, Document>>();
  readonly current = new Set<number>();
  readonly removed: { targetId: number; cause?: { code: number; message: string } }[] = [];
  readonly filters: { targetId: number; count: number }[] = [];
  readTime = '';
  resumeToken = '';
  markers = 0;

  apply(responses: ListenResponse[]): this {
    for (const r of responses) this.applyOne(r);
    return this;
  }

  docs(targetId: number): Map<string, Document> {
    return this.targets.get(targetId) ?? new Map();
  }

  private applyOne(r: ListenResponse): void {
    expect(Object.keys(r)).toHaveLength(1);
    if (r.targetChange) {
      const { targetChangeType, targetIds = [], readTime, resumeToken, cause } = r.targetChange;
      switch (targetChangeType) {
        case 'ADD':
          for (const id of targetIds) {
            expect(this.targets.has(id), `second ADD for ${id}`).toBe(false);
            this.targets.set(id, new Map());
          }
          break;
        case 'REMOVE':
          for (const id of targetIds) {
            if (!cause) expect(this.targets.has(id), `REMOVE of unknown ${id}`).toBe(true);
            this.targets.delete(id);
            this.current.delete(id);
            this.removed.push(cause ? { targetId: id, cause } : { targetId: id });
          }
          break;
        case 'RESET':
          for (const id of targetIds) {
            this.known(id).clear();
            this.current.delete(id);
          }
          break;
        case 'CURRENT':
          expect(resumeToken).toBeTruthy();
          for (const id of targetIds) {
            this.known(id);
            this.current.add(id);
          }
          break;
        case 'NO_CHANGE':
          expect(targetIds).toEqual([]);
          if (this.readTime) {
            const back = timestampToMicros(readTime!) < timestampToMicros(this.readTime);
            expect(back, `readTime went back: ${readTime} < ${this.readTime}`).toBe(false);
          }
          this.readTime = readTime!;
          this.resumeToken = resumeToken!;
          this.markers++;
          break;
        default:
          throw new Error(`unexpected target change ${targetChangeType}`);
      }
    } else if (r.documentChange) {
      const { document, targetIds = [], removedTargetIds = [] } = r.documentChange;
      for (const id of targetIds) this.known(id).set(document.name, document);
      for (const id of removedTargetIds) this.known(id).delete(document.name);
    } else if (r.documentDelete || r.documentRemove) {
      const { document, removedTargetIds = [] } = (r.documentDelete ?? r.documentRemove)!;
      for (const id of removedTargetIds) this.known(id).delete(document);
    } else if (r.filter) {
      this.filters.push(r.filter);
    }
  }

  private known(id: number): Map<string, Document> {
    const docs = this.targets.get(id);
    expect(docs, `frame for unknown target ${id}`).toBeDefined();
    return docs!;
  }
}

export function setup(options: EngineOptions = {}) {
  const engine = new Engine(options);
  const wired = (engine as unknown as { listen?: unknown }).listen;
  const manager =
    wired instanceof ListenManager
      ? wired
      : new ListenManager((engine as unknown as { context: EngineContext }).context, engine.instanceId);
  const open = (limits: Partial<ListenLimits> = {}, database = DB) => {
    const transport = new FakeTransport();
    const stream = manager.open(database, transport, { ...LIMITS, ...limits }) as ListenStream & {
      buffered: number;
      settled: boolean;
    };
    return { transport, stream };
  };
  const commit = (...writes: Write[]) => engine.call('commit', { database: DB, writes });
  /** The documents a fresh runQuery answers, by name. */
  const fresh = async (target: Target): Promise<Map<string, Document>> => {
    const out = new Map<string, Document>();
    if (target.documents) {
      for (const r of await engine.call('batchGet', {
        database: DB,
        documents: target.documents.documents,
      })) {
        if (r.found) out.set(r.found.name, r.found);
      }
      return out;
    }
    const q = target.query!;
    for (const r of await engine.call('runQuery', { parent: q.parent, structuredQuery: q.structuredQuery })) {
      if (r.document) out.set(r.document.name, r.document);
    }
    return out;
  };
  return { engine, manager, open, commit, fresh };
}

export const collectionQuery = (
  targetId: number,
  collectionId: string,
  extra: object = {},
  parent = ROOT,
): Target => ({
  targetId,
  query: { parent, structuredQuery: { from: [{ collectionId }], ...extra } },
});

/** The names of documents in a response list, with the kind of frame, for compact assertions. */
export function summary(responses: ListenResponse[]): string[] {
  return responses.map((r) => {
    if (r.targetChange) {
      const { targetChangeType, targetIds = [], cause } = r.targetChange;
      return `${targetChangeType}${targetIds.length ? ` ${targetIds.join(',')}` : ''}${cause ? ` cause=${cause.code}` : ''}`;
    }
    const short = (name: string) => name.slice(ROOT.length + 1);
    if (r.documentChange) {
      const { document, targetIds = [], removedTargetIds = [] } = r.documentChange;
      return `change ${short(document.name)} +[${targetIds}]${removedTargetIds.length ? ` -[${removedTargetIds}]` : ''}`;
    }
    if (r.documentDelete)
      return `delete ${short(r.documentDelete.document)} -[${r.documentDelete.removedTargetIds}]`;
    if (r.documentRemove)
      return `remove ${short(r.documentRemove.document)} -[${r.documentRemove.removedTargetIds}]`;
    return `filter ${r.filter!.targetId}=${r.filter!.count}`;
  });
}

export { random } from '../test-support.js';
