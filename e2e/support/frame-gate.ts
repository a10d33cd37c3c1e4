import type { Page, WebSocketRoute } from '@playwright/test';

/**
 * Sits on a page's WebSocket to the emulator and can hold back everything the server sends (in order) while
 * the page's own frames still go through: a write reaches the server, but its acknowledgement does not reach
 * the page until `release()`. Install before the page loads.
 */
export class FrameGate {
  #held: [WebSocketRoute, string | Buffer][] | null = null;

  async install(page: Page): Promise<void> {
    await page.routeWebSocket(/\/kindling$/, (socket) => {
      const server = socket.connectToServer();
      server.onMessage((frame) => {
        if (this.#held) this.#held.push([socket, frame]);
        else socket.send(frame);
      });
    });
  }

  hold(): void {
    this.#held ??= [];
  }

  /** Delivers the held frames in their order and lets later ones through. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const [socket, frame] of held) socket.send(frame);
  }
}
