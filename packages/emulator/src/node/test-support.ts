import type { ServerFrame } from '@kindling/core';
import WebSocket from 'ws';

export interface TestClient {
  ws: WebSocket;
  /** Resolves with the close code and reason once the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  send(frame: unknown): void;
  /** The next frame not yet taken, waiting for it if needed. */
  next(): Promise<ServerFrame>;
  /** The next frame matching `accept`; frames skipped on the way are dropped. */
  nextWhere(accept: (frame: ServerFrame) => boolean): Promise<ServerFrame>;
  /** Every frame received so far, in order (taken or not). */
  readonly received: ServerFrame[];
}

/** A `ws` client on a Kindling endpoint that queues frames so a test can await them one at a time. */
export async function connectClient(
  url: string,
  options: { answerPings?: boolean } = {},
): Promise<TestClient> {
  const ws = new WebSocket(url);
  const received: ServerFrame[] = [];
  const queue: ServerFrame[] = [];
  const waiters: ((f: ServerFrame) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    received.push(frame);
    if (options.answerPings && frame.type === 'ping') ws.send('{"type":"pong"}');
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else queue.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = () =>
    new Promise<ServerFrame>((resolve) =>
      queue.length > 0 ? resolve(queue.shift()!) : waiters.push(resolve),
    );
  return {
    ws,
    closed,
    received,
    send: (frame: unknown) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next,
    async nextWhere(accept) {
      for (;;) {
        const frame = await next();
        if (accept(frame)) return frame;
      }
    },
  };
}
