/** The part of the WebSocket API both browsers and the `ws` package provide. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

type WebSocketConstructor = new (url: string) => WebSocketLike;

/**
 * Picks the WebSocket implementation when connecting, not when this module loads, so a global installed later
 * (a polyfill, msw's interceptor in tests) is honoured. Without a global, Node gets `ws` via isomorphic-ws.
 */
export async function createWebSocket(url: string): Promise<WebSocketLike> {
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (global) return new global(url);
  const module = (await import('isomorphic-ws')) as unknown as { default: WebSocketConstructor };
  return new module.default(url);
}
