import type { Document, ListenResponse, Status, Target } from '@kindling/core';
import type { FirestoreError } from '../api/error.js';
import { errorFromStatus } from './request.js';

export type TargetSpec = Omit<Target, 'targetId' | 'resumeToken' | 'expectedCount'>;

export interface TargetUpdate {
  targetId: number;
  /** The target's whole synced result after this event: name → document. */
  documents: ReadonlyMap<string, Document>;
  /** Names added, modified and removed by this event (removed ones are absent from `documents`). */
  added: ReadonlySet<string>;
  modified: ReadonlySet<string>;
  removed: ReadonlySet<string>;
  /** Previous versions of modified/removed documents (for includeOldData). */
  previous: ReadonlyMap<string, Document>;
  /** The server said CURRENT for it (and no RESET since). */
  current: boolean;
  /** This event began with a RESET (or a re-listen after an existence-filter mismatch). */
  reset: boolean;
  resumeToken?: string;
}

export interface RemoteEvent {
  readTime: string;
  resumeToken: string;
  seq: number;
  targets: ReadonlyMap<number, TargetUpdate>;
}

/** One server target as the client knows it. */
interface TargetState {
  spec: TargetSpec;
  /** The result as of the last event raised for it. */
  synced: Map<string, Document>;
  /** Changes heard since that event; null = the document left the result. */
  pending: Map<string, Document | null>;
  /** The pending changes are a whole new result rather than a diff (no-token add, RESET, filter mismatch). */
  replace: boolean;
  /** Report `reset: true` with the next event. */
  reset: boolean;
  current: boolean;
  reportedCurrent: boolean;
  /** Resume token of the last global marker at which the target was current. */
  resumeToken?: string;
  /** Token from the CURRENT change, used if the marker carries none. */
  currentToken?: string;
  /**
   * Listened from a token the caller kept (not one this client earned): `synced` lacks the documents that did
   * not change since, so removals of unknown documents are reported and counts cannot be checked.
   */
  partial: boolean;
}

/** What one listen response asks of the stream. */
export interface Outcome {
  event?: RemoteEvent;
  error?: { targetId: number; error: FirestoreError };
  /** The target's count disagreed with the server's existence filter: re-listen it without a token. */
  relisten?: number;
}

function versionChanged(a: Document, b: Document): boolean {
  if (a.updateTime !== undefined && b.updateTime !== undefined) return a.updateTime !== b.updateTime;
  return JSON.stringify(a.fields ?? {}) !== JSON.stringify(b.fields ?? {});
}

/**
 * Turns a connection's listen responses into RemoteEvents, one per global marker, the way Firebase's
 * WatchChangeAggregator does: changes for a target wait until the marker; a target with requests in flight
 * (an add not yet ADDed, a remove not yet REMOVEd) ignores changes meant for an older incarnation; a target's
 * resume token advances only at a marker where it is current, so a resume never skips an unraised change.
 */
export class WatchAggregator {
  readonly #targets = new Map<number, TargetState>();
  readonly #inFlight = new Map<number, number>();

  has(targetId: number): boolean {
    return this.#targets.has(targetId);
  }

  get size(): number {
    return this.#targets.size;
  }

  /** Registers a target; a caller-supplied resume token makes it a partial (diff-only) target. */
  addTarget(targetId: number, spec: TargetSpec, resumeToken?: string): void {
    this.#targets.set(targetId, {
      spec,
      synced: new Map(),
      pending: new Map(),
      replace: resumeToken === undefined,
      reset: false,
      current: false,
      reportedCurrent: false,
      resumeToken,
      partial: resumeToken !== undefined,
    });
  }

  removeTarget(targetId: number): void {
    this.#targets.delete(targetId);
  }

  /** A listen request for the target was sent: ignore its changes until the server answers it. */
  expectResponse(targetId: number): void {
    this.#inFlight.set(targetId, (this.#inFlight.get(targetId) ?? 0) + 1);
  }

  /** The Target to send for (re-)adding a target: with its resume token and the count of documents held. */
  targetToSend(targetId: number): Target | undefined {
    const state = this.#targets.get(targetId);
    if (!state) return undefined;
    const { resumeToken } = state;
    if (resumeToken === undefined) return { ...state.spec, targetId };
    return {
      ...state.spec,
      targetId,
      resumeToken,
      ...(state.partial ? {} : { expectedCount: state.synced.size }),
    };
  }

  targetIds(): number[] {
    return [...this.#targets.keys()];
  }

  /** The socket is gone: what was heard since the last marker is lost and will be re-sent after the resume. */
  connectionLost(): void {
    this.#inFlight.clear();
    for (const state of this.#targets.values()) {
      state.pending.clear();
      state.current = false;
      // The next CURRENT must reach the consumer even when nothing changed: it ends its fromCache period.
      state.reportedCurrent = false;
      state.currentToken = undefined;
      state.replace = state.resumeToken === undefined;
    }
  }

  handle(response: ListenResponse, seq: number): Outcome {
    const { targetChange, documentChange, documentDelete, documentRemove, filter } = response;
    if (targetChange) {
      const ids = targetChange.targetIds ?? [];
      const type = targetChange.targetChangeType ?? 'NO_CHANGE';
      if (type === 'NO_CHANGE') {
        if (ids.length === 0 && targetChange.readTime) {
          return { event: this.#raise(targetChange.readTime, targetChange.resumeToken ?? '', seq) };
        }
        return {};
      }
      let outcome: Outcome = {};
      for (const id of ids) {
        if (type === 'ADD') this.#answered(id);
        else if (type === 'REMOVE') outcome = this.#removed(id, targetChange.cause) ?? outcome;
        else {
          const state = this.#active(id);
          if (!state) continue;
          if (type === 'CURRENT') {
            state.current = true;
            state.currentToken = targetChange.resumeToken;
          } else if (type === 'RESET') {
            this.#startOver(state);
          }
        }
      }
      return outcome;
    }
    if (documentChange) {
      const { document } = documentChange;
      for (const id of documentChange.targetIds ?? []) this.#active(id)?.pending.set(document.name, document);
      for (const id of documentChange.removedTargetIds ?? [])
        this.#active(id)?.pending.set(document.name, null);
    }
    const gone = documentDelete ?? documentRemove;
    if (gone) {
      for (const id of gone.removedTargetIds ?? []) this.#active(id)?.pending.set(gone.document, null);
    }
    if (filter) {
      const state = this.#active(filter.targetId);
      if (state && !state.partial && this.#workingCount(state) !== filter.count) {
        this.#startOver(state);
        state.resumeToken = undefined;
        return { relisten: filter.targetId };
      }
    }
    return {};
  }

  /** Targets whose answers are all in: changes heard for them belong to the current incarnation. */
  #active(targetId: number): TargetState | undefined {
    if ((this.#inFlight.get(targetId) ?? 0) > 0) return undefined;
    return this.#targets.get(targetId);
  }

  #answered(targetId: number): void {
    const count = (this.#inFlight.get(targetId) ?? 0) - 1;
    if (count > 0) this.#inFlight.set(targetId, count);
    else this.#inFlight.delete(targetId);
  }

  #removed(targetId: number, cause: Status | undefined): Outcome | undefined {
    this.#answered(targetId);
    if (!cause || !this.#active(targetId)) return undefined;
    this.#targets.delete(targetId);
    const error = errorFromStatus({ code: cause.code, status: '', message: cause.message });
    return { error: { targetId, error } };
  }

  /** The server's result replaces what the client holds: RESET, or a re-listen after a filter mismatch. */
  #startOver(state: TargetState): void {
    state.pending.clear();
    state.replace = true;
    state.reset = true;
    state.current = false;
    state.partial = false;
  }

  #workingCount(state: TargetState): number {
    if (state.replace) return [...state.pending.values()].filter((d) => d !== null).length;
    let count = state.synced.size;
    for (const [name, doc] of state.pending) {
      const had = state.synced.has(name);
      if (doc && !had) count++;
      else if (!doc && had) count--;
    }
    return count;
  }

  #raise(readTime: string, resumeToken: string, seq: number): RemoteEvent {
    const targets = new Map<number, TargetUpdate>();
    for (const [targetId, state] of this.#targets) {
      if (!this.#active(targetId)) continue;
      // A result being replaced is raised whole, once complete, so nothing is removed and re-added.
      if (state.replace && !state.current) continue;
      if (state.current) state.resumeToken = resumeToken || state.currentToken || state.resumeToken;
      const update = this.#apply(targetId, state);
      if (update) targets.set(targetId, update);
    }
    return { readTime, resumeToken, seq, targets };
  }

  #apply(targetId: number, state: TargetState): TargetUpdate | undefined {
    const { synced, pending } = state;
    // Most markers concern other targets: skip copying this one's result.
    if (pending.size === 0 && !state.replace && !state.reset && state.current === state.reportedCurrent) {
      return undefined;
    }
    const documents = state.replace ? new Map<string, Document>() : new Map(synced);
    const added = new Set<string>();
    const modified = new Set<string>();
    const removed = new Set<string>();
    const previous = new Map<string, Document>();
    for (const [name, doc] of pending) {
      if (doc) documents.set(name, doc);
      else documents.delete(name);
    }
    const names = state.replace ? new Set([...synced.keys(), ...documents.keys()]) : pending.keys();
    for (const name of names) {
      const before = synced.get(name);
      const after = documents.get(name);
      if (after && !before) {
        // From a kept token, a document written more than once may have been in the result already.
        if (state.partial && after.createTime !== after.updateTime) modified.add(name);
        else added.add(name);
      } else if (after && before && versionChanged(before, after)) {
        modified.add(name);
        previous.set(name, before);
      } else if (!after && before) {
        removed.add(name);
        previous.set(name, before);
      } else if (!after && state.partial && pending.has(name)) {
        removed.add(name);
      }
    }
    const changed =
      added.size + modified.size + removed.size > 0 || state.reset || state.current !== state.reportedCurrent;
    const update: TargetUpdate = {
      targetId,
      documents,
      added,
      modified,
      removed,
      previous,
      current: state.current,
      reset: state.reset,
      ...(state.resumeToken !== undefined ? { resumeToken: state.resumeToken } : {}),
    };
    state.synced = documents;
    state.pending = new Map();
    state.replace = false;
    state.reset = false;
    state.reportedCurrent = state.current;
    return changed ? update : undefined;
  }
}
