import {
  Code,
  type ErrorBody,
  type ListenResponse,
  MAX_FRAME_LENGTH,
  METHODS,
  type Method,
  type OutgoingServerFrame,
  PROTOCOL_VERSION,
  parseDatabaseName,
  parseParent,
  type ServerFrame,
  StatusError,
  statusName,
  type Target,
} from '@kindling/core';
import type { Caller } from './auth.js';
import type { Engine } from './engine.js';
import type { ListenStream, ListenTransport } from './listen/index.js';
import type { TrackedSession } from './session-registry.js';

export interface SessionOptions {
  /** Delivers one server frame to the client. */
  send: (frame: ServerFrame) => void;
  /** Asks the transport to end the connection (a refused hello, a silent client, the server stopping). */
  close?: (code: number, reason: string) => void;
  /** Bytes the transport has queued but not yet written (ws's bufferedAmount): listen backpressure reads it. */
  bufferedAmount?: () => number;
  /** False once the transport is gone; the engine's sweep ends sessions whose transport never said so. */
  connected?: () => boolean;
}

export interface Session {
  /** One text message from the client. */
  receive(text: string): void;
  /** The connection ended: stop answering and release timers. */
  close(): void;
}

/** WebSocket close codes the session asks for. */
export const CloseCode = { POLICY_VIOLATION: 1008, GOING_AWAY: 1001 } as const;

export function errorBody(error: unknown): ErrorBody {
  if (error instanceof StatusError) return { code: error.code, status: error.status, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: Code.INTERNAL, status: statusName(Code.INTERNAL), message: `Internal error: ${message}` };
}

const invalid = (message: string) => new StatusError(Code.INVALID_ARGUMENT, message);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Requests whose body names its database in `database`; the others name it through `parent`. */
const BY_DATABASE: ReadonlySet<Method> = new Set(['commit', 'batchGet', 'beginTransaction', 'rollback']);

class ProtocolSession implements Session, TrackedSession {
  private seq = 0;
  private database: string | undefined;
  /** The connection's bearer token (hello, then auth frames): rules judge its requests and targets by it. */
  private caller: Caller = { token: null };
  private closed = false;
  lastHeard = Date.now();
  /** Opened by the first listen frame; closing the session closes it. */
  private stream: ListenStream | undefined;
  /**
   * Listen frames held back while this connection's commits are being answered: a client keeps applying a
   * pending write until its acknowledgement, so seeing the write's new version first would apply it twice.
   */
  private held: ListenResponse[] | undefined;
  private commitsInFlight = 0;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly options: SessionOptions,
  ) {
    this.armWatchdog(engine.settings.connectionTimeoutMs);
  }

  connected(): boolean {
    return !this.closed && (this.options.connected?.() ?? true);
  }

  receive(text: string): void {
    if (this.closed) return;
    this.lastHeard = Date.now();
    if (typeof text !== 'string') {
      this.fail(invalid('Frames must be text messages.'));
      return;
    }
    if (text.length > MAX_FRAME_LENGTH) {
      this.fail(invalid(`Frame of ${text.length} characters exceeds the limit of ${MAX_FRAME_LENGTH}.`));
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch (e) {
      this.fail(invalid(`Frame is not valid JSON: ${(e as Error).message}`));
      return;
    }
    if (!isRecord(frame) || typeof frame.type !== 'string') {
      this.fail(invalid('A frame must be a JSON object with a string "type".'));
      return;
    }
    switch (frame.type) {
      case 'hello':
        this.hello(frame);
        break;
      case 'request':
        this.request(frame);
        break;
      case 'ping':
        this.emit({ type: 'pong' });
        break;
      case 'pong':
        break;
      case 'auth':
        this.auth(frame);
        break;
      case 'listen':
        this.listen(frame);
        break;
      default:
        this.fail(invalid(`Unknown frame type ${JSON.stringify(frame.type)}.`));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pinger);
    clearTimeout(this.watchdog);
    this.engine.sessions.delete(this);
    this.stream?.close();
    this.stream = undefined;
  }

  end(code: number, reason: string): void {
    if (this.closed) return;
    this.close();
    this.options.close?.(code, reason);
  }

  /**
   * Closes the connection once it has been silent for `timeout` ms. Frames only move `lastHeard`; the timer
   * re-arms itself for the remaining time when it fires early, so a busy connection costs no timer churn.
   */
  private armWatchdog(timeout: number): void {
    if (timeout <= 0) return;
    const check = () => {
      const silent = Date.now() - this.lastHeard;
      if (silent >= timeout) this.end(CloseCode.GOING_AWAY, `No frame for ${timeout} ms.`);
      else this.watchdog = setTimeout(check, timeout - silent);
    };
    this.watchdog = setTimeout(check, timeout);
  }

  private emit(frame: OutgoingServerFrame): void {
    if (this.closed) return;
    this.options.send({ ...frame, seq: ++this.seq } as ServerFrame);
  }

  // The hot path of a fan-out: one listen frame per response, built without spreading.
  private emitListen(response: ListenResponse): void {
    if (this.closed) return;
    this.options.send({ type: 'listen', response, seq: ++this.seq });
  }

  private fail(error: unknown, id?: number): void {
    this.emit(
      id === undefined
        ? { type: 'error', error: errorBody(error) }
        : { type: 'error', id, error: errorBody(error) },
    );
  }

  private hello(frame: Record<string, unknown>): void {
    if (this.database) {
      this.fail(invalid('This connection has already said hello.'));
      return;
    }
    try {
      if (frame.version !== PROTOCOL_VERSION) {
        throw invalid(
          `Unsupported protocol version ${JSON.stringify(frame.version)}; this server speaks ${PROTOCOL_VERSION}.`,
        );
      }
      if (typeof frame.database !== 'string')
        throw invalid('hello needs "database": "projects/{p}/databases/{d}".');
      parseDatabaseName(frame.database);
      if (frame.token !== undefined && typeof frame.token !== 'string')
        throw invalid('hello "token" must be a string.');
    } catch (error) {
      this.fail(error);
      this.end(CloseCode.POLICY_VIOLATION, 'Refused hello.');
      return;
    }
    this.database = frame.database as string;
    this.caller = { token: (frame.token as string | undefined) ?? null };
    const heartbeat = this.engine.settings.heartbeatIntervalMs;
    this.emit({
      type: 'welcome',
      version: PROTOCOL_VERSION,
      instanceId: this.engine.instanceId,
      heartbeatIntervalMs: heartbeat,
    });
    // The server pings on a fixed beat, busy or not, so a client that only answers pings stays alive.
    if (heartbeat > 0) this.pinger = setInterval(() => this.emit({ type: 'ping' }), heartbeat);
  }

  private listen(frame: Record<string, unknown>): void {
    const database = this.database;
    if (!database) {
      this.fail(invalid('Send a hello frame before listen frames.'));
      return;
    }
    const { addTarget, removeTarget } = frame;
    if ((addTarget === undefined) === (removeTarget === undefined)) {
      this.fail(invalid('A listen frame needs exactly one of "addTarget" and "removeTarget".'));
      return;
    }
    if (frame.database !== undefined && frame.database !== database) {
      this.fail(mismatch(frame.database, database));
      return;
    }
    if (addTarget !== undefined && !(isRecord(addTarget) && isTargetId(addTarget.targetId))) {
      this.fail(invalid('"addTarget" must be a Target object with an integer "targetId".'));
      return;
    }
    if (removeTarget !== undefined && !isTargetId(removeTarget)) {
      this.fail(invalid('"removeTarget" must be an integer target id.'));
      return;
    }
    try {
      this.stream ??= this.openStream(database);
      if (addTarget !== undefined) this.stream.addTarget(addTarget as unknown as Target);
      else this.stream.removeTarget(removeTarget as number);
    } catch (error) {
      this.fail(error);
    }
  }

  private holdListenFrames(): void {
    this.commitsInFlight++;
    this.held ??= [];
  }

  private releaseListenFrames(): void {
    if (--this.commitsInFlight > 0) return;
    const held = this.held ?? [];
    this.held = undefined;
    for (const response of held) this.emitListen(response);
  }

  private openStream(database: string): ListenStream {
    const { settings } = this.engine;
    const { bufferedAmount } = this.options;
    const transport: ListenTransport = {
      send: (response) => {
        if (this.held) this.held.push(response);
        else this.emitListen(response);
      },
      bufferedAmount: bufferedAmount ? () => bufferedAmount() : () => 0,
    };
    const limits = {
      maxTargets: settings.maxSubscriptionsPerClient,
      eventBufferSize: settings.eventBufferSize,
      maxBufferedBytes: settings.maxBufferedBytes,
    };
    // The guard reads the caller when it runs, so a later auth frame applies to every target.
    return this.engine.listen.open(database, transport, limits, (spec) =>
      this.engine.authorizeTarget(database, spec, this.caller),
    );
  }

  /**
   * Replaces the connection's token and re-checks its targets. A malformed token is not refused here: as over
   * REST, each request and target it is used for fails with INVALID_ARGUMENT "invalid jwt".
   */
  private auth(frame: Record<string, unknown>): void {
    if (frame.token !== null && typeof frame.token !== 'string') {
      this.fail(invalid('auth "token" must be a string or null.'));
      return;
    }
    this.caller = { token: frame.token };
    this.recheck();
  }

  recheck(): void {
    this.stream?.recheck();
  }

  private request(frame: Record<string, unknown>): void {
    const { id, method, body } = frame;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      this.fail(invalid('A request needs an "id" that is a non-negative integer.'));
      return;
    }
    try {
      if (!this.database) throw invalid('Send a hello frame before requests.');
      if (typeof method !== 'string' || !METHODS.includes(method as Method)) {
        throw new StatusError(Code.UNIMPLEMENTED, `Unknown method ${JSON.stringify(method)}.`);
      }
      if (!isRecord(body)) throw invalid('A request needs a "body" object.');
      const request = this.scoped(method as Method, body);
      const isCommit = method === 'commit';
      if (isCommit) this.holdListenFrames();
      // The token in force when the frame arrived: an auth frame right behind it applies to later requests only.
      const caller = this.caller;
      Promise.resolve()
        .then(() => this.engine.call(method as Method, request as never, caller))
        .then(
          (answer) => this.emit({ type: 'response', id, body: answer } as OutgoingServerFrame),
          (error) => this.fail(error, id),
        )
        .finally(() => isCommit && this.releaseListenFrames());
    } catch (error) {
      this.fail(error, id);
    }
  }

  // The body with the connection's database filled in where omitted; a different database is refused.
  private scoped(method: Method, body: Record<string, unknown>): Record<string, unknown> {
    const database = this.database!;
    if (BY_DATABASE.has(method)) {
      if (body.database === undefined) return { ...body, database };
      if (body.database !== database) throw mismatch(body.database, database);
      return body;
    }
    if (typeof body.parent !== 'string') throw invalid(`${method} needs a "parent".`);
    const parentDatabase = parseParent(body.parent).database;
    if (parentDatabase !== database) throw mismatch(parentDatabase, database);
    return body;
  }
}

/** Firestore's target ids are int32. */
const isTargetId = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;

const mismatch = (asked: unknown, database: string) =>
  invalid(`Request is for database ${JSON.stringify(asked)} but this connection is for "${database}".`);

export function openSession(engine: Engine, options: SessionOptions): Session {
  const session = new ProtocolSession(engine, options);
  engine.sessions.add(session);
  return session;
}
