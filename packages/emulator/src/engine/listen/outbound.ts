import type { Document, ListenResponse } from '@kindling/core';
import type { ListenTarget } from './target.js';
import type { ListenLimits, ListenTransport } from './types.js';

/**
 * One document's pending change for a stream: its latest state, the targets it is now in, and for every target
 * whose membership it changed, what the client held before (to drop the change again on overflow).
 */
export interface DocEvent {
  name: string;
  doc: Document | null;
  /** The document itself changed (not just moved in or out of a limit window). */
  changed: boolean;
  readTime: string;
  inTargets: Set<ListenTarget>;
  priors: Map<ListenTarget, Document | undefined>;
}

type Item =
  | { kind: 'doc'; event: DocEvent }
  | { kind: 'control'; response: ListenResponse; target?: ListenTarget; role: ControlRole }
  | { kind: 'marker'; readTime: string; resumeToken: string };

/** ADD, REMOVE and RESET are kept when the buffer overflows (each is sent exactly once); the rest is re-derived. */
export type ControlRole = 'add' | 'remove' | 'reset' | 'current' | 'filter';

const byNumber = (a: number, b: number) => a - b;

/** The response for one document event (undefined when it changes nothing for the client). */
export function documentResponse(event: DocEvent): ListenResponse | undefined {
  const targetIds: number[] = [];
  for (const target of event.inTargets) targetIds.push(target.id);
  const removedTargetIds: number[] = [];
  for (const [target, prior] of event.priors) {
    if (prior !== undefined && !event.inTargets.has(target)) removedTargetIds.push(target.id);
  }
  if (targetIds.length === 0 && removedTargetIds.length === 0) return undefined;
  if (targetIds.length > 1) targetIds.sort(byNumber);
  if (removedTargetIds.length > 1) removedTargetIds.sort(byNumber);
  const { name, doc, readTime } = event;
  if (!doc) return { documentDelete: { document: name, removedTargetIds, readTime } };
  if (targetIds.length === 0 && !event.changed) {
    return { documentRemove: { document: name, removedTargetIds, readTime } };
  }
  return {
    documentChange:
      removedTargetIds.length > 0
        ? { document: doc, targetIds, removedTargetIds }
        : { document: doc, targetIds },
  };
}

/**
 * The last global marker built: every stream a commit reaches sends the same one, so they share one response
 * object (never changed once sent), which lets the transport serialize it once.
 */
let lastMarker: ListenResponse | undefined;

function markerResponse(readTime: string, resumeToken: string): ListenResponse {
  const last = lastMarker?.targetChange;
  if (last && last.readTime === readTime && last.resumeToken === resumeToken) return lastMarker!;
  lastMarker = { targetChange: { targetChangeType: 'NO_CHANGE', readTime, resumeToken } };
  return lastMarker;
}

export interface OutboundHooks {
  /** A control frame reached the transport. */
  delivered(role: ControlRole, target: ListenTarget | undefined): void;
  /** The buffer overflowed and its document events were dropped: the stream's targets are stale now. */
  overflowed(): void;
  /** The buffer is empty and the socket has room again. */
  drained(): void;
  /** Sending from the drain timer threw (the transport is gone): nothing else will be sent. */
  failed(error: unknown): void;
}

const DEFAULT_POLL_MS = 10;

/**
 * The outbound buffer of one stream. Frames go straight to the transport while the socket keeps up; otherwise
 * they queue here, a document's changes coalescing with the one already queued since the last control frame
 * (latest state wins) and consecutive global markers collapsing into the last. Past `eventBufferSize` frames the
 * queued document events are dropped (their membership changes undone) and the owner resyncs once drained.
 */
export class Outbound {
  private queue: Item[] = [];
  /** The queued event of each document since the last control frame: the ones a new change merges into. */
  private readonly tail = new Map<string, DocEvent>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly transport: ListenTransport,
    private readonly limits: ListenLimits,
    private readonly hooks: OutboundHooks,
  ) {}

  /** Frames waiting (for tests and metrics). */
  get length(): number {
    return this.queue.length;
  }

  get congested(): boolean {
    return this.queue.length > 0 || this.transport.bufferedAmount() > this.limits.maxBufferedBytes;
  }

  control(response: ListenResponse, role: ControlRole, target?: ListenTarget): void {
    if (!this.congested) {
      this.deliver({ kind: 'control', response, target, role });
      return;
    }
    this.tail.clear();
    this.enqueue({ kind: 'control', response, target, role });
  }

  document(event: DocEvent): void {
    if (!this.congested) {
      this.deliver({ kind: 'doc', event });
      return;
    }
    if (this.queue[this.queue.length - 1]?.kind === 'marker') this.queue.pop();
    const queued = this.tail.get(event.name);
    if (!queued) {
      this.tail.set(event.name, event);
      this.enqueue({ kind: 'doc', event });
      return;
    }
    for (const [target, prior] of event.priors)
      if (!queued.priors.has(target)) queued.priors.set(target, prior);
    for (const target of event.priors.keys()) {
      if (event.inTargets.has(target)) queued.inTargets.add(target);
      else queued.inTargets.delete(target);
    }
    queued.doc = event.doc;
    queued.changed ||= event.changed;
    queued.readTime = event.readTime;
  }

  marker(readTime: string, resumeToken: string): void {
    if (!this.congested) {
      this.deliver({ kind: 'marker', readTime, resumeToken });
      return;
    }
    const last = this.queue[this.queue.length - 1];
    if (last?.kind === 'marker') {
      last.readTime = readTime;
      last.resumeToken = resumeToken;
      return;
    }
    this.enqueue({ kind: 'marker', readTime, resumeToken });
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    this.tail.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private enqueue(item: Item): void {
    this.queue.push(item);
    if (this.queue.length > this.limits.eventBufferSize && this.queue.some((i) => i.kind !== 'control')) {
      this.overflow();
    }
    this.schedule();
  }

  private overflow(): void {
    const kept: Item[] = [];
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i];
      if (item.kind === 'doc') undo(item.event);
      else if (
        item.kind === 'control' &&
        (item.role === 'add' || item.role === 'remove' || item.role === 'reset')
      )
        kept.push(item);
    }
    this.queue = kept.reverse();
    this.tail.clear();
    this.hooks.overflowed();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.flush();
      } catch (error) {
        this.close();
        this.hooks.failed(error);
      }
    }, this.limits.drainPollMs ?? DEFAULT_POLL_MS);
  }

  private flush(): void {
    let sent = 0;
    while (sent < this.queue.length && this.transport.bufferedAmount() <= this.limits.maxBufferedBytes) {
      const item = this.queue[sent++];
      if (item.kind === 'doc' && this.tail.get(item.event.name) === item.event)
        this.tail.delete(item.event.name);
      this.deliver(item);
      if (this.closed) return;
    }
    this.queue.splice(0, sent);
    if (this.queue.length > 0) this.schedule();
    else if (this.transport.bufferedAmount() <= this.limits.maxBufferedBytes) this.hooks.drained();
    else this.schedule();
  }

  private deliver(item: Item): void {
    switch (item.kind) {
      case 'doc': {
        const response = documentResponse(item.event);
        if (response) this.transport.send(response);
        return;
      }
      case 'control':
        this.transport.send(item.response);
        this.hooks.delivered(item.role, item.target);
        return;
      case 'marker':
        this.transport.send(markerResponse(item.readTime, item.resumeToken));
    }
  }
}

// Gives each target back the version the client held before this event.
function undo(event: DocEvent): void {
  for (const [target, prior] of event.priors) {
    if (prior === undefined) target.members.delete(event.name);
    else target.members.set(event.name, prior);
  }
}
