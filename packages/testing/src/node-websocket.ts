/**
 * Vitest/Node setup: msw intercepts WebSockets by wrapping `globalThis.WebSocket`, which Node 20 lacks (Node 22
 * has it). Import this module before msw's `setupServer().listen()` — a `setupFiles` entry does — to install
 * undici's standard WebSocket as the global. The Kindling client picks the global at connect time.
 */
import { WebSocket } from 'undici';

if (typeof globalThis.WebSocket === 'undefined') {
  // Configurable and writable, as msw needs to wrap it and later restore it.
  Object.defineProperty(globalThis, 'WebSocket', { value: WebSocket, configurable: true, writable: true });
}
