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

/**
 * Keeps a connection alive both ways: the server drops a client silent for three heartbeat intervals, so the
 * client pings every interval; and a server silent for three intervals is presumed gone (`onSilence`).
 * Returns `heard` (call on every frame received) and `stop`.
 */
export function startHeartbeat(
  intervalMs: number,
  send: (frame: ClientFrame) => void,
  onSilence: () => void,
): { heard(): void; stop(): void } {
  let lastHeard = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - lastHeard > 3 * intervalMs) {
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
