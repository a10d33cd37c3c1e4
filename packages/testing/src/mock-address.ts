/**
 * Made-up addresses for mocks. `.test` is reserved (RFC 2606): no network resolves it, and each mock gets its
 * own host so handlers of several mocks never answer for one another. The port is the emulator's default, so
 * URLs look like the real thing; nothing listens on it.
 */
export const MOCK_PORT = 8080;

/** The WebSocket URL of every mock, as `nextMockHost()` makes them. */
export const MOCK_WEBSOCKET_URLS = /^ws:\/\/kindling-mock-\d+\.test:8080\/kindling$/;

let mocks = 0;

export function nextMockHost(): string {
  return `kindling-mock-${++mocks}.test`;
}
