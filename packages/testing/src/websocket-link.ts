import type { ErrorBody, ListenResponse, OutgoingServerFrame, ServerFrame } from '@kindling/core';
import { type Engine, errorBody, type Session } from '@kindling/emulator/engine';
import { type WebSocketHandler, type WebSocketHandlerConnection, type WebSocketLink, ws } from 'msw';
import type { FaultPlan } from './faults.js';
import { MOCK_WEBSOCKET_URLS } from './mock-address.js';

type Client = WebSocketHandlerConnection['client'];

/** Close code `disconnect()` reports: 1006, what a browser reports when the network drops a socket. */
const ABNORMAL_CLOSURE = 1006;

export interface EngineLink {
  /** The msw handler: pass it to setupServer / setupWorker. */
  readonly handler: WebSocketHandler;
  /** Connections open now. */
  readonly connections: number;
  /** Drops every open connection as a network failure would; sessions end, clients reconnect. */
  disconnect(): void;
}

/** What a client frame asks for, as far as faults care: a request's method, or a listen target being added. */
function faultTarget(text: unknown): { method: string; id: number } | undefined {
  if (typeof text !== 'string') return undefined;
  let frame: { type?: unknown; method?: unknown; id?: unknown; addTarget?: { targetId?: unknown } };
  try {
    frame = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (frame?.type === 'request' && typeof frame.method === 'string' && typeof frame.id === 'number') {
    return { method: frame.method, id: frame.id };
  }
  if (frame?.type === 'listen' && typeof frame.addTarget?.targetId === 'number') {
    return { method: 'listen', id: frame.addTarget.targetId };
  }
  return undefined;
}

/** The frame that fails a request, or removes a target the way the server refuses one at add (no ADD). */
function faultFrame(method: string, id: number, error: ErrorBody): OutgoingServerFrame {
  if (method !== 'listen') return { type: 'error', id, error };
  const response: ListenResponse = {
    targetChange: { targetChangeType: 'REMOVE', targetIds: [id], cause: error },
  };
  return { type: 'listen', response };
}

/**
 * One msw link for every mock: msw keeps a listener per link on a process-wide BroadcastChannel for as long as
 * the process lives, so a link per mock would leak one per mock created.
 */
let sharedLink: WebSocketLink | undefined;

/**
 * Serves Kindling's WebSocket protocol at the mock URL `url` through msw: each connection to it gets its own
 * engine session, exactly as a socket accepted by the Node server does, so the client cannot tell the
 * difference. Connections to other mocks reach this handler too (one link serves them all) and are left to theirs.
 */
export function linkEngine(engine: Engine, url: string, faults: FaultPlan): EngineLink {
  const open = new Set<Client>();
  sharedLink ??= ws.link(MOCK_WEBSOCKET_URLS);
  const handler = sharedLink.addEventListener('connection', ({ client }) => {
    if (client.url.href !== url) return;
    open.add(client);
    // The link numbers the frames itself: an injected fault frame must take its place in the `seq` order the
    // client checks, between the session's own frames.
    let seq = 0;
    const deliver = (frame: OutgoingServerFrame) => client.send(JSON.stringify({ ...frame, seq: ++seq }));
    const session: Session = engine.openSession((frame: ServerFrame) => deliver(frame), {
      close: (code, reason) => client.close(code, reason),
      connected: () => open.has(client),
    });
    client.addEventListener('message', (event) => {
      // Frames are read twice only while a fault is armed.
      const target = faults.pending > 0 ? faultTarget(event.data) : undefined;
      const fault = target && faults.take(target.method);
      if (target && fault) deliver(faultFrame(target.method, target.id, errorBody(fault)));
      else session.receive(event.data as string);
    });
    client.addEventListener('close', () => {
      open.delete(client);
      session.close();
    });
  });
  return {
    handler,
    get connections() {
      return open.size;
    },
    disconnect() {
      for (const client of [...open]) client.close(ABNORMAL_CLOSURE, 'Connection cut by mock.disconnect().');
    },
  };
}
