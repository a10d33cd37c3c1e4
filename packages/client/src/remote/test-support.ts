/**
 * A fake WebSocket server for unit tests: installed as `globalThis.WebSocket`, it welcomes the hello, records
 * every request frame and answers it with what `answer` returns (a body, or an error frame via `{ error }`).
 */
import type { ClientFrame, ErrorBody, ListenFrame, ListenResponse } from '@kindling/core';

export interface RecordedRequest {
  url: string;
  method: string;
  body: any;
}

export type Answer = (request: RecordedRequest) => unknown | { error: ErrorBody };

export interface FakeServer {
  requests: RecordedRequest[];
  hellos: Array<{ url: string; frame: ClientFrame }>;
  sockets: FakeSocket[];
  answer: Answer;
  /** How many of the next connection attempts to refuse (closed with 1006 before opening). */
  refuse: number;
  /** What the welcome frame announces. */
  heartbeatIntervalMs: number;
  /** Every listen frame received, with the socket it came on. */
  listens: Array<{ socket: FakeSocket; frame: ListenFrame }>;
  /** Called for each listen frame, e.g. to answer it like the emulator would. */
  onListen?: (socket: FakeSocket, frame: ListenFrame) => void;
  uninstall(): void;
}

/** Returned by an Answer to leave the request unanswered. */
export const NO_ANSWER = Symbol('no answer');

const READ_TIME = '2020-01-01T00:00:00Z';

export const defaultAnswer: Answer = ({ method, body }) => {
  switch (method) {
    case 'commit':
      return { writeResults: [], commitTime: READ_TIME };
    case 'runAggregationQuery':
      return [{ result: { aggregateFields: {} }, readTime: READ_TIME }];
    case 'batchGet':
      return body.documents.map((missing: string) => ({ missing, readTime: READ_TIME }));
    case 'beginTransaction':
      return { transaction: 'dHg=' };
    case 'rollback':
      return {};
    default:
      return [{ readTime: READ_TIME }];
  }
};

export class FakeSocket {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  #seq = 0;

  constructor(
    readonly url: string,
    private readonly server: FakeServer,
  ) {
    server.sockets.push(this);
    const refused = server.refuse > 0;
    if (refused) server.refuse--;
    setTimeout(() => {
      if (refused) {
        this.readyState = 3;
        this.onclose?.({ code: 1006, reason: '' });
        return;
      }
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  /** Every frame the client sent on this socket. */
  readonly sent: ClientFrame[] = [];

  send(data: string): void {
    const frame = JSON.parse(data) as ClientFrame;
    this.sent.push(frame);
    if (frame.type === 'listen') {
      this.server.listens.push({ socket: this, frame });
      this.server.onListen?.(this, frame);
    } else if (frame.type === 'hello') {
      this.server.hellos.push({ url: this.url, frame });
      this.#reply({
        type: 'welcome',
        version: 1,
        instanceId: 'fake',
        heartbeatIntervalMs: this.server.heartbeatIntervalMs,
      });
    } else if (frame.type === 'request') {
      const request = { url: this.url, method: frame.method, body: frame.body };
      this.server.requests.push(request);
      const answer = this.server.answer(request);
      if (answer === NO_ANSWER) return;
      if (answer && typeof answer === 'object' && 'error' in answer) {
        this.#reply({ type: 'error', id: frame.id, error: (answer as { error: ErrorBody }).error });
      } else {
        this.#reply({ type: 'response', id: frame.id, body: answer });
      }
    }
  }

  /** Sends any frame to the client, as the server would. */
  push(frame: object): void {
    this.#reply(frame);
  }

  /** Sends several frames in one task, as `ws` delivers the frames of one TCP read. */
  burst(...frames: object[]): void {
    const texts = frames.map((frame) => JSON.stringify({ ...frame, seq: ++this.#seq }));
    setTimeout(() => {
      for (const data of texts) this.onmessage?.({ data });
    });
  }

  /** Sends listen responses, one frame each. */
  listen(...responses: ListenResponse[]): void {
    for (const response of responses) this.#reply({ type: 'listen', response });
  }

  /** Skips sequence numbers, as a server that lost frames would. */
  skipSeq(count = 1): void {
    this.#seq += count;
  }

  /** The server side ends the connection. */
  drop(code = 1006): void {
    this.close(code);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    setTimeout(() => this.onclose?.({ code, reason }));
  }

  #reply(frame: object): void {
    const text = JSON.stringify({ ...frame, seq: ++this.#seq });
    setTimeout(() => this.onmessage?.({ data: text }));
  }
}

export function installFakeServer(answer: Answer = defaultAnswer): FakeServer {
  const previous = (globalThis as { WebSocket?: unknown }).WebSocket;
  const server: FakeServer = {
    requests: [],
    hellos: [],
    sockets: [],
    answer,
    refuse: 0,
    heartbeatIntervalMs: 30_000,
    listens: [],
    uninstall() {
      (globalThis as { WebSocket?: unknown }).WebSocket = previous;
    },
  };
  (globalThis as { WebSocket?: unknown }).WebSocket = class extends FakeSocket {
    constructor(url: string) {
      super(url, server);
    }
  };
  return server;
}

/** Resolves once `predicate` holds, checking after each macrotask (fails the test by timeout otherwise). */
/** Waits until `predicate` holds, failing after 10 s with what it was waiting for. */
export async function until(predicate: () => boolean, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
