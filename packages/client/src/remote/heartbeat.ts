import type { ClientFrame, ServerFrame } from '@kindling/core';

/**
 * Answers the server's pings so it keeps the connection. Returns true when the frame was a heartbeat frame and
 * needs no further handling.
 */
export function handleHeartbeat(frame: ServerFrame, send: (frame: ClientFrame) => void): boolean {
  if (frame.type === 'ping') {
    send({ type: 'pong' });
    return true;
  }
  return frame.type === 'pong';
}

/** How many heartbeat intervals without any frame from the server mean it is gone. */
export const SILENT_INTERVALS = 2;

/**
 * Keeps a connection alive both ways. The server pings every interval and the client pings too (any frame
 * counts as alive, and a ping is answered, so a server that is up is heard at least once per interval). A
 * server silent for SILENT_INTERVALS intervals is presumed gone (`onSilence`, once).
 * Returns `heard` (call on every frame received) and `stop`.
 */
export function startHeartbeat(
  intervalMs: number,
  send: (frame: ClientFrame) => void,
  onSilence: () => void,
): { heard(): void; stop(): void } {
  let lastHeard = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - lastHeard >= SILENT_INTERVALS * intervalMs) {
      clearInterval(timer);
      onSilence();
      return;
    }
    send({ type: 'ping' });
  }, intervalMs);
  // In Node, an idle connection must not keep the process alive.
  (timer as { unref?: () => void }).unref?.();
  return {
    heard: () => {
      lastHeard = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}
