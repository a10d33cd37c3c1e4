import {
  type ClientFrame,
  type ListenResponse,
  MAX_FRAME_LENGTH,
  type Method,
  PROTOCOL_VERSION,
  type RequestOf,
  type ResponseOf,
  type ServerFrame,
} from '@kindling/core';
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import { FirestoreError } from '../api/error.js';
import { ExponentialBackoff } from './backoff.js';
import { handleHeartbeat, startHeartbeat } from './heartbeat.js';
import { ConnectionUnavailableError, errorFromStatus, PendingRequests } from './request.js';
import { SeqCheck } from './seq-check.js';
import { createWebSocket, type WebSocketLike } from './websocket.js';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface ConnectionOptions {
  /** ws://host:port/kindling */
  url: string;
  /** projects/{p}/databases/{d} */
  database: string;
  token?: string;
  /** Reconnect delays: full jitter over initialDelayMs × factor^n, capped at maxDelayMs. */
  backoff?: { initialDelayMs?: number; factor?: number; maxDelayMs?: number };
  /** A socket that stayed online this long was healthy: the next reconnect starts the backoff over. */
  healthyAfterMs?: number;
}

/** What a long-lived user of the connection (the watch stream, the write pipeline) hears. */
export interface ConnectionListener {
  /** A socket was welcomed: resend whatever the server must know (targets, queued writes). */
  onOpen?(): void;
  /** One listen frame, in order, with its sequence number. */
  onListen?(response: ListenResponse, seq: number): void;
  /** The welcomed socket is gone: whatever was in flight on it is lost. */
  onClose?(): void;
  /** The connection was closed for good (terminate). */
  onTerminate?(): void;
}

const OPEN = 1;
/** Close codes the client uses when it drops a socket on purpose. */
const CLOSE_SEQ_GAP = 4001;
const CLOSE_SILENT = 4000;

/**
 * One WebSocket to the emulator. A one-shot request opens it on demand; while something retains the connection
 * (a watch target, a queued write) it stays up and reconnects after a drop with exponential backoff and full
 * jitter. A sequence gap or a silent server drops the socket and reconnects; listeners then resend their state.
 */
export class Connection {
  readonly #options: ConnectionOptions;
  readonly #pending = new PendingRequests();
  readonly #listeners = new Set<ConnectionListener>();
  /**
   * Listener notifications waiting for the answers that arrived before them to be handled. `ws` in Node hands
   * over every frame of one TCP read in one task, before any promise continuation runs; a commit's response
   * must be handled before its listen frames, or the still-pending write is applied on top of its own result.
   */
  readonly #notifications: (() => void)[] = [];
  #holding = false;
  readonly #state = new BehaviorSubject<ConnectionState>('offline');
  readonly #backoff: ExponentialBackoff;
  /** Observable connection state; replays the current one to each subscriber. */
  readonly state$: Observable<ConnectionState>;
  #socket: WebSocketLike | null = null;
  #ready: Promise<WebSocketLike> | null = null;
  /** Ends the current socket's session at once (handlers detached, close logic run). */
  #abandon: ((code: number, reason: string) => void) | null = null;
  #retained = 0;
  #networkEnabled = true;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;
  #lastTargetId = 0;
  #token: string | undefined;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#token = options.token;
    const { initialDelayMs = 100, factor = 2, maxDelayMs = 5_000 } = options.backoff ?? {};
    this.#backoff = new ExponentialBackoff(initialDelayMs, factor, maxDelayMs);
    this.state$ = this.#state.pipe(distinctUntilChanged());
  }

  get state(): ConnectionState {
    return this.#state.value;
  }

  get terminated(): boolean {
    return this.#closed;
  }

  async request<M extends Method>(method: M, body: RequestOf<M>): Promise<ResponseOf<M>> {
    const socket = await this.#connect();
    const { id, answer } = this.#pending.add<ResponseOf<M>>();
    try {
      const text = JSON.stringify({ type: 'request', id, method, body });
      // The server would drop the whole connection for an oversized frame; refuse just this request instead.
      if (text.length > MAX_FRAME_LENGTH) {
        throw new FirestoreError(
          'invalid-argument',
          `Request payload size exceeds the limit: ${MAX_FRAME_LENGTH} characters.`,
        );
      }
      if (socket.readyState !== OPEN) {
        throw new ConnectionUnavailableError('The connection to the emulator is not open.');
      }
      socket.send(text);
    } catch (error) {
      this.#pending.reject(id, error as FirestoreError);
    }
    return answer;
  }

  /** A listen target id unused on this connection (however many watch streams share it). */
  allocateTargetId(): number {
    return ++this.#lastTargetId;
  }

  /** Keeps later allocations clear of an id chosen by the caller. */
  reserveTargetId(targetId: number): void {
    this.#lastTargetId = Math.max(this.#lastTargetId, targetId);
  }

  /** Keeps the connection up (reconnecting as needed) until the returned function is called. */
  retain(): () => void {
    this.#retained++;
    if (this.#retained === 1) this.#reconnectSoon(0);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#retained--;
      if (this.#retained === 0) this.#cancelReconnect();
    };
  }

  addListener(listener: ConnectionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sends a frame on the welcomed socket; false when there is none (listeners resend in `onOpen`). */
  send(frame: ClientFrame): boolean {
    const socket = this.#socket;
    if (this.#state.value !== 'online' || !socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Replaces the token: an open socket gets an auth frame at once (frames are ordered, so every later request
   * uses it; the server re-checks the listen targets), and each later socket says it in its hello.
   */
  setToken(token: string | undefined): void {
    this.#token = token;
    const socket = this.#socket;
    // An open socket has sent its hello (onopen sends it), welcomed or not.
    if (socket && socket.readyState === OPEN)
      socket.send(JSON.stringify({ type: 'auth', token: token ?? null }));
  }

  /** Drops the socket and stays offline until enableNetwork(); requests fail with 'unavailable' meanwhile. */
  disableNetwork(): void {
    if (this.#closed) return;
    this.#networkEnabled = false;
    this.#cancelReconnect();
    this.#abandon?.(1000, 'network disabled');
    this.#state.next('offline');
  }

  enableNetwork(): void {
    if (this.#closed || this.#networkEnabled) return;
    this.#networkEnabled = true;
    this.#backoff.reset();
    this.#reconnectSoon(0);
  }

  /** Closes the socket for good; outstanding requests fail. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelReconnect();
    this.#pending.rejectAll(new FirestoreError('cancelled', 'The client has been terminated.'));
    this.#abandon?.(1000, 'terminated');
    this.#state.next('offline');
    this.#state.complete();
    for (const listener of [...this.#listeners]) listener.onTerminate?.();
  }

  #notify(call: (listener: ConnectionListener) => void): void {
    const deliver = () => {
      for (const listener of [...this.#listeners]) call(listener);
    };
    if (this.#holding) this.#notifications.push(deliver);
    else deliver();
  }

  /** Holds notifications until the next task, when the continuations of the answer just handled have run. */
  #holdNotifications(): void {
    if (this.#holding) return;
    this.#holding = true;
    setTimeout(() => {
      this.#holding = false;
      for (const deliver of this.#notifications.splice(0)) deliver();
    });
  }

  #connect(): Promise<WebSocketLike> {
    if (this.#closed) {
      return Promise.reject(
        new FirestoreError('failed-precondition', 'The client has already been terminated.'),
      );
    }
    if (!this.#networkEnabled) {
      return Promise.reject(new ConnectionUnavailableError('The client is offline.'));
    }
    if (!this.#ready) {
      this.#cancelReconnect();
      const ready = this.#open();
      this.#ready = ready;
      // A failed attempt must not stick: the next request (or the reconnect timer) tries again.
      ready.catch(() => {
        if (this.#ready === ready) this.#ready = null;
        this.#reconnectSoon();
      });
    }
    return this.#ready;
  }

  /** Schedules a connection attempt if something needs the connection and none is under way. */
  #reconnectSoon(delay = this.#backoff.nextDelay()): void {
    if (this.#closed || !this.#networkEnabled || this.#retained === 0) return;
    if (this.#ready || this.#reconnectTimer) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#retained > 0) this.#connect().catch(() => {});
    }, delay);
  }

  #cancelReconnect(): void {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
  }

  async #open(): Promise<WebSocketLike> {
    this.#state.next('connecting');
    let socket: WebSocketLike;
    try {
      socket = await createWebSocket(this.#options.url);
    } catch (error) {
      this.#state.next('offline');
      throw new ConnectionUnavailableError(`Could not connect to the emulator: ${(error as Error).message}`);
    }
    if (this.#closed || !this.#networkEnabled) {
      // disableNetwork() or close() came while the socket was being made.
      socket.close(1000, 'network disabled');
      throw new ConnectionUnavailableError('The client is offline.');
    }
    this.#socket = socket;
    return new Promise<WebSocketLike>((resolve, reject) => {
      let welcomedAt = 0;
      let ended = false;
      let heartbeat: ReturnType<typeof startHeartbeat> | null = null;
      const seq = new SeqCheck();
      // Heartbeat frames are best effort: a closing socket just drops them.
      const sendIfOpen = (frame: ClientFrame) => {
        if (socket.readyState === OPEN) socket.send(JSON.stringify(frame));
      };
      const end = (error: FirestoreError) => {
        if (ended) return;
        ended = true;
        heartbeat?.stop();
        socket.onopen = socket.onmessage = socket.onclose = null;
        // Closing a socket that is still connecting makes `ws` report an error; unhandled, it would be thrown.
        socket.onerror = () => {};
        if (this.#socket === socket) {
          this.#socket = null;
          this.#ready = null;
          this.#abandon = null;
        }
        if (!this.#closed) this.#state.next('offline');
        if (!welcomedAt) reject(error);
        this.#pending.rejectAll(error);
        if (welcomedAt) {
          if (Date.now() - welcomedAt >= (this.#options.healthyAfterMs ?? 1_000)) this.#backoff.reset();
          this.#notify((listener) => listener.onClose?.());
          this.#reconnectSoon();
        }
      };
      const abandon = (code: number, reason: string) => {
        end(
          this.#closed
            ? new FirestoreError('cancelled', 'The client has been terminated.')
            : new ConnectionUnavailableError(`The connection to the emulator was dropped (${reason}).`),
        );
        // A silent peer would never finish a closing handshake: `ws` can drop the TCP connection at once.
        const terminate = (socket as { terminate?: () => void }).terminate;
        if (code === CLOSE_SILENT && terminate) terminate.call(socket);
        else socket.close(code, reason);
      };
      this.#abandon = abandon;
      socket.onopen = () => {
        const { database } = this.#options;
        const token = this.#token;
        sendIfOpen({ type: 'hello', version: PROTOCOL_VERSION, database, ...(token ? { token } : {}) });
      };
      socket.onmessage = (event) => {
        let frame: ServerFrame;
        try {
          frame = JSON.parse(String(event.data)) as ServerFrame;
        } catch {
          end(new FirestoreError('internal', 'Received a frame that is not JSON.'));
          socket.close(1002, 'bad frame');
          return;
        }
        if (!seq.accept(frame.seq)) {
          abandon(CLOSE_SEQ_GAP, 'sequence gap');
          return;
        }
        heartbeat?.heard();
        if (handleHeartbeat(frame, sendIfOpen)) return;
        if (frame.type === 'welcome') {
          welcomedAt = Date.now();
          if (frame.heartbeatIntervalMs > 0) {
            heartbeat = startHeartbeat(frame.heartbeatIntervalMs, sendIfOpen, () =>
              abandon(CLOSE_SILENT, 'server silent'),
            );
          }
          this.#state.next('online');
          this.#notify((listener) => listener.onOpen?.());
          resolve(socket);
        } else if (frame.type === 'response') {
          this.#pending.resolve(frame.id, frame.body);
          this.#holdNotifications();
        } else if (frame.type === 'listen') {
          const { response } = frame;
          this.#notify((listener) => listener.onListen?.(response, frame.seq));
        } else if (frame.type === 'error') {
          const error = errorFromStatus(frame.error);
          if (frame.id !== undefined) {
            this.#pending.reject(frame.id, error);
            this.#holdNotifications();
          } else {
            end(error);
            socket.close(1000, 'connection error');
          }
        }
      };
      socket.onclose = (event) => {
        end(new ConnectionUnavailableError(`The connection to the emulator closed (code ${event.code}).`));
      };
      socket.onerror = () => {
        // A close event always follows; failing there keeps one path for both.
      };
    });
  }
}
