import { CloseCode } from './session.js';

/** What the registry needs from a session to decide whether it is dead. */
export interface TrackedSession {
  /** Date.now() when the client was last heard from. */
  readonly lastHeard: number;
  /** False once the transport says the connection is gone. */
  connected(): boolean;
  /** Ends the session (asking the transport to close with `code`) and releases its targets. */
  end(code: number, reason: string): void;
  /** Re-checks the session's listen targets against the security rules (after they changed). */
  recheck(): void;
}

export interface SweepOptions {
  /** Sweep every this many ms; 0 never sweeps on its own. */
  cleanupIntervalMs: number;
  /** Sessions silent longer than this are dead; 0 means silence alone never kills a session. */
  connectionTimeoutMs: number;
}

/**
 * The engine's open sessions. A sweep every cleanup interval ends the sessions whose transport is gone or that
 * have been silent past the connection timeout, so a transport that never reported its close cannot keep
 * targets alive. The timer runs only while sessions exist, so an idle engine holds no timer.
 */
export class SessionRegistry<S extends TrackedSession = TrackedSession> {
  private readonly sessions = new Set<S>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: SweepOptions) {}

  get size(): number {
    return this.sessions.size;
  }

  add(session: S): void {
    this.sessions.add(session);
    if (this.timer === undefined && this.options.cleanupIntervalMs > 0) {
      this.timer = setInterval(() => this.sweep(), this.options.cleanupIntervalMs);
    }
  }

  delete(session: S): void {
    this.sessions.delete(session);
    if (this.sessions.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Re-checks every session's listen targets (the rules changed). */
  recheckAll(): void {
    for (const session of [...this.sessions]) session.recheck();
  }

  /** Ends every dead session now; returns how many. */
  sweep(now = Date.now()): number {
    const timeout = this.options.connectionTimeoutMs;
    let swept = 0;
    for (const session of [...this.sessions]) {
      const silent = timeout > 0 && now - session.lastHeard > timeout;
      if (!session.connected() || silent) {
        this.delete(session);
        session.end(CloseCode.GOING_AWAY, silent ? 'Connection timed out.' : 'Connection lost.');
        swept++;
      }
    }
    return swept;
  }
}
