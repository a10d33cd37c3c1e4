import type { ClientFrame, ServerFrame } from '@kindling/core';

/**
 * Answers the server's pings so it keeps the connection. Returns true when the frame was a heartbeat frame and
 * needs no further handling. (Client-initiated pings and liveness timeouts belong to the realtime layer.)
 */
export function handleHeartbeat(frame: ServerFrame, send: (frame: ClientFrame) => void): boolean {
  if (frame.type === 'ping') {
    send({ type: 'pong' });
    return true;
  }
  return frame.type === 'pong';
}
