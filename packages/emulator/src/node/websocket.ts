import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { MAX_FRAME_LENGTH } from '@kindling/core';
import { type WebSocket, WebSocketServer } from 'ws';
import { CloseCode, type Engine } from '../engine/index.js';
import { frameText } from './frame-text.js';

/** Path of the WebSocket endpoint (docs/protocol.md), on the same port as REST. */
export const WEBSOCKET_PATH = '/kindling';

/**
 * A frame's limit is in characters; in UTF-8 one character takes up to 3 bytes. Messages up to this many bytes
 * reach the session, which answers an oversized frame with an error frame; ws closes the connection (1009) on
 * anything larger without reading it.
 */
const MAX_PAYLOAD_BYTES = 3 * MAX_FRAME_LENGTH;

/** How long a closing connection gets to answer the close handshake before its socket is destroyed. */
const CLOSE_GRACE_MS = 1000;

export interface WebSocketEndpoint {
  /** Stops accepting connections and closes every open one with 1001, so clients know to reconnect. */
  close(): Promise<void>;
}

/** Closes `ws` with 1001; resolves once it is closed, destroying it if the peer does not answer in time. */
function goAway(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(CloseCode.GOING_AWAY, 'Server stopping.');
  });
}

/** Serves Kindling's WebSocket protocol at {@link WEBSOCKET_PATH} of `server`, one engine session per connection. */
export function attachWebSocket(server: Server, engine: Engine): WebSocketEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== WEBSOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  };

  const connect = (ws: WebSocket) => {
    const session = engine.openSession((frame) => ws.send(frameText(frame)), {
      close: (code, reason) => ws.close(code, reason),
      bufferedAmount: () => ws.bufferedAmount,
      connected: () => ws.readyState === ws.OPEN,
    });
    // ws hands over every message as a Buffer; binary ones are read as UTF-8 text too (the frame is what counts).
    ws.on('message', (data: Buffer) => session.receive(data.toString('utf8')));
    ws.on('close', () => session.close());
    // A protocol error (e.g. a payload over maxPayload) closes the socket; the session ends on 'close'.
    ws.on('error', () => {});
  };

  server.on('upgrade', onUpgrade);
  return {
    async close() {
      server.off('upgrade', onUpgrade);
      await Promise.all([...wss.clients].map(goAway));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
