import {
  Code,
  type ErrorBody,
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
} from '@kindling/core';
import type { Engine } from './engine.js';

export interface SessionOptions {
  /** Delivers one server frame to the client. */
  send: (frame: ServerFrame) => void;
  /** Asks the transport to end the connection (a refused hello, or a client silent past the heartbeat). */
  close?: (code: number, reason: string) => void;
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

class ProtocolSession implements Session {
  private seq = 0;
  private database: string | undefined;
  /** The connection's bearer token: security rules (a later issue) will read it. */
  private token: string | null = null;
  private closed = false;
  private lastHeard = Date.now();
  private readonly heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly options: SessionOptions,
  ) {
    const interval = engine.heartbeatIntervalMs;
    if (interval > 0) {
      this.heartbeat = setInterval(() => {
        if (Date.now() - this.lastHeard > 3 * interval)
          this.end(CloseCode.GOING_AWAY, 'No frame within 3 heartbeat intervals.');
      }, interval);
    }
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
        this.fail(
          this.database
            ? new StatusError(Code.UNIMPLEMENTED, 'Listen is not implemented by this server yet.')
            : invalid('Send a hello frame first.'),
        );
        break;
      default:
        this.fail(invalid(`Unknown frame type ${JSON.stringify(frame.type)}.`));
    }
  }

  close(): void {
    this.closed = true;
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
  }

  private emit(frame: OutgoingServerFrame): void {
    if (this.closed) return;
    this.options.send({ ...frame, seq: ++this.seq } as ServerFrame);
  }

  private fail(error: unknown, id?: number): void {
    this.emit(
      id === undefined
        ? { type: 'error', error: errorBody(error) }
        : { type: 'error', id, error: errorBody(error) },
    );
  }

  private end(code: number, reason: string): void {
    this.close();
    this.options.close?.(code, reason);
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
    this.token = (frame.token as string | undefined) ?? null;
    this.emit({
      type: 'welcome',
      version: PROTOCOL_VERSION,
      instanceId: this.engine.instanceId,
      heartbeatIntervalMs: this.engine.heartbeatIntervalMs,
    });
  }

  private auth(frame: Record<string, unknown>): void {
    if (frame.token !== null && typeof frame.token !== 'string') {
      this.fail(invalid('auth "token" must be a string or null.'));
      return;
    }
    this.token = frame.token;
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
      this.engine.call(method as Method, request as never).then(
        (answer) => this.emit({ type: 'response', id, body: answer } as OutgoingServerFrame),
        (error) => this.fail(error, id),
      );
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

const mismatch = (asked: unknown, database: string) =>
  invalid(`Request is for database ${JSON.stringify(asked)} but this connection is for "${database}".`);

export function openSession(engine: Engine, options: SessionOptions): Session {
  return new ProtocolSession(engine, options);
}
