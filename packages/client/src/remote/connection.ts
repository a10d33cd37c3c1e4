import {
  type ClientFrame,
  MAX_FRAME_LENGTH,
  type Method,
  PROTOCOL_VERSION,
  type RequestOf,
  type ResponseOf,
  type ServerFrame,
} from '@kindling/core';
import { FirestoreError } from '../api/error.js';
import { handleHeartbeat, startHeartbeat } from './heartbeat.js';
import { errorFromStatus, PendingRequests } from './request.js';
import { createWebSocket, type WebSocketLike } from './websocket.js';

export interface ConnectionOptions {
  /** ws://host:port/kindling */
  url: string;
  /** projects/{p}/databases/{d} */
  database: string;
  token?: string;
}

const OPEN = 1;

/**
 * One WebSocket to the emulator, opened on the first request. Requests wait for the welcome frame; if the socket
 * closes, outstanding requests fail with 'unavailable' and the next request opens a new socket.
 */
export class Connection {
  readonly #options: ConnectionOptions;
  readonly #pending = new PendingRequests();
  #socket: WebSocketLike | null = null;
  #ready: Promise<WebSocketLike> | null = null;
  #closed = false;

  constructor(options: ConnectionOptions) {
    this.#options = options;
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
      this.#sendText(socket, text);
    } catch (error) {
      this.#pending.reject(id, error as FirestoreError);
    }
    return answer;
  }

  /** Closes the socket for good; outstanding requests fail. */
  close(): void {
    this.#closed = true;
    this.#pending.rejectAll(new FirestoreError('cancelled', 'The client has been terminated.'));
    const socket = this.#socket;
    this.#socket = null;
    this.#ready = null;
    socket?.close(1000, 'terminated');
  }

  #connect(): Promise<WebSocketLike> {
    if (this.#closed) {
      return Promise.reject(
        new FirestoreError('failed-precondition', 'The client has already been terminated.'),
      );
    }
    if (!this.#ready) {
      const ready = this.#open();
      this.#ready = ready;
      // A failed attempt must not stick: the next request tries again.
      ready.catch(() => {
        if (this.#ready === ready) this.#ready = null;
      });
    }
    return this.#ready;
  }

  async #open(): Promise<WebSocketLike> {
    const socket = await createWebSocket(this.#options.url);
    this.#socket = socket;
    return new Promise<WebSocketLike>((resolve, reject) => {
      let welcomed = false;
      let heartbeat: ReturnType<typeof startHeartbeat> | null = null;
      // Heartbeat frames are best effort: a closing socket just drops them.
      const sendIfOpen = (frame: ClientFrame) => {
        if (socket.readyState === OPEN) socket.send(JSON.stringify(frame));
      };
      const fail = (error: FirestoreError) => {
        heartbeat?.stop();
        if (this.#socket === socket) {
          this.#socket = null;
          this.#ready = null;
        }
        if (!welcomed) reject(error);
        this.#pending.rejectAll(error);
      };
      socket.onopen = () => {
        const { database, token } = this.#options;
        const hello: ClientFrame = {
          type: 'hello',
          version: PROTOCOL_VERSION,
          database,
          ...(token ? { token } : {}),
        };
        sendIfOpen(hello);
      };
      socket.onmessage = (event) => {
        let frame: ServerFrame;
        try {
          frame = JSON.parse(String(event.data)) as ServerFrame;
        } catch {
          fail(new FirestoreError('internal', 'Received a frame that is not JSON.'));
          socket.close(1002, 'bad frame');
          return;
        }
        heartbeat?.heard();
        if (handleHeartbeat(frame, sendIfOpen)) return;
        if (frame.type === 'welcome') {
          welcomed = true;
          if (frame.heartbeatIntervalMs > 0) {
            heartbeat = startHeartbeat(frame.heartbeatIntervalMs, sendIfOpen, () =>
              socket.close(4000, 'server silent'),
            );
          }
          resolve(socket);
        } else if (frame.type === 'response') {
          this.#pending.resolve(frame.id, frame.body);
        } else if (frame.type === 'error') {
          const error = errorFromStatus(frame.error);
          if (frame.id !== undefined) this.#pending.reject(frame.id, error);
          else fail(error);
        }
      };
      socket.onclose = (event) => {
        fail(
          new FirestoreError('unavailable', `The connection to the emulator closed (code ${event.code}).`),
        );
      };
      socket.onerror = () => {
        // A close event always follows; failing there keeps one path for both.
      };
    });
  }

  #sendText(socket: WebSocketLike, text: string): void {
    if (socket.readyState !== OPEN) {
      throw new FirestoreError('unavailable', 'The connection to the emulator is not open.');
    }
    socket.send(text);
  }
}
