import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { Connection } from '../src/remote/connection.js';

const database = 'projects/p/databases/(default)';
let server: Server | undefined;
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

it('terminates while the socket is still connecting without an uncaught error', async () => {
  // A peer that accepts TCP but never answers the WebSocket upgrade keeps the client's socket connecting.
  server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const connection = new Connection({ url: `ws://127.0.0.1:${port}/kindling`, database });
  const request = connection.request('beginTransaction', { database }).catch((e) => e.code);
  // Wait for the TCP connection (a loaded machine may take longer than a fixed pause).
  for (let i = 0; i < 400 && sockets.size === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(sockets.size).toBe(1);
  connection.close();
  expect(await request).toBe('cancelled');
  // An error thrown by the closed socket would surface as an unhandled error and fail the run.
  await new Promise((resolve) => setTimeout(resolve, 50));
});
