import { DatabaseHub } from './hub.js';
import {
  type ListenContext,
  type ListenLimits,
  type ListenStream,
  type ListenTransport,
  PERMANENT,
  type TargetGuard,
} from './types.js';

const allowAll: TargetGuard = () => PERMANENT;

/**
 * The server side of Firestore's Listen for every database of one engine. Each database's commit log is
 * subscribed to while at least one stream of that database is open.
 */
export class ListenManager {
  private readonly hubs = new Map<string, DatabaseHub>();

  constructor(
    private readonly ctx: ListenContext,
    /** This engine run's id: resume tokens of another run are answered with RESET. */
    readonly instanceId: string,
  ) {}

  /** Opens one connection's listen stream on `database` (`projects/p/databases/d`); `guard` admits targets. */
  open(
    database: string,
    transport: ListenTransport,
    limits: ListenLimits,
    guard: TargetGuard = allowAll,
  ): ListenStream {
    let hub = this.hubs.get(database);
    if (!hub) {
      hub = new DatabaseHub(this.ctx, this.instanceId, database, () => this.hubs.delete(database));
      this.hubs.set(database, hub);
    }
    return hub.open(transport, limits, guard);
  }

  /** Open streams over all databases (for tests and metrics). */
  get streamCount(): number {
    let n = 0;
    for (const hub of this.hubs.values()) n += hub.streamCount;
    return n;
  }
}
