/**
 * Records what one `onSnapshot` listener delivers, normalized so that two SDKs' sequences compare as JSON.
 *
 * A query snapshot becomes `{ docs, changes, pending, fromCache }`: `docs` in order as `[id, data, pending]`
 * (data typed by the Normalizer, `pending` the document's own hasPendingWrites), `changes` the docChanges()
 * as `[type, id, oldIndex, newIndex]`. A document snapshot becomes `{ exists, data, pending, fromCache }`.
 * An error ends the recording as `{ error: code }`.
 */
import type * as full from 'firebase/firestore';
import type { Json, Normalizer } from '../normalize.js';

export type FullApi = typeof full;

export class ListenerRecording {
  readonly snapshots: Json[] = [];
  error: string | undefined;
  /** performance.now() of the last delivery, for settling. */
  lastEventAt = performance.now();
  private waiters: (() => void)[] = [];
  unsubscribe: () => void = () => {};

  constructor(
    private readonly fs: FullApi,
    private readonly normalizer: Normalizer,
  ) {}

  readonly observer = {
    next: (snapshot: full.QuerySnapshot | full.DocumentSnapshot) => {
      this.snapshots.push(this.normalize(snapshot));
      this.touch();
    },
    error: (error: { code?: string }) => {
      this.error = error.code ?? String(error);
      this.touch();
    },
  };

  /** Resolves once `count` snapshots (in total) have arrived, or the listener failed. */
  async count(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.snapshots.length < count && this.error === undefined) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  result(): Json {
    return this.error === undefined ? this.snapshots : [...this.snapshots, { error: this.error }];
  }

  private touch() {
    this.lastEventAt = performance.now();
    for (const wake of this.waiters.splice(0)) wake();
  }

  private normalize(snapshot: full.QuerySnapshot | full.DocumentSnapshot): Json {
    const n = this.normalizer;
    const meta = { pending: snapshot.metadata.hasPendingWrites, fromCache: snapshot.metadata.fromCache };
    if (snapshot instanceof this.fs.QuerySnapshot) {
      return {
        docs: snapshot.docs.map((d) => [d.id, n.value(d.data()), d.metadata.hasPendingWrites]),
        changes: snapshot.docChanges().map((c) => [c.type, c.doc.id, c.oldIndex, c.newIndex]),
        ...meta,
      };
    }
    const exists = snapshot.exists();
    return { exists, data: exists ? n.value(snapshot.data()) : null, ...meta };
  }
}
