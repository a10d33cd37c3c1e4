import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** An echo server that counts its connections. */
async function echoServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { server, port: address.port, sockets };
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function roundTrip(socket: Socket, text: string): Promise<string> {
  socket.write(text);
  const [data] = await once(socket, 'data');
  return String(data);
}

/** Resolves when the socket is closed, whatever the reason (a reset shows as an error first). */
function closed(socket: Socket): Promise<void> {
  socket.on('error', () => {});
  // Not events.once: it would reject on the reset's 'error'.
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.on('close', () => resolve())));
}

describe('tcp proxy', () => {
  let proxy: TcpProxy | undefined;
  let echo: Awaited<ReturnType<typeof echoServer>> | undefined;
  const clients: Socket[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await proxy?.close();
    echo?.server.close();
    proxy = undefined;
    echo = undefined;
  });

  it('forwards both ways, drops every connection on demand, and accepts new ones afterwards', async () => {
    echo = await echoServer();
    proxy = await startTcpProxy(echo.port);
    const a = await connect(proxy.port);
    const b = await connect(proxy.port);
    clients.push(a, b);
    expect(await roundTrip(a, 'hello')).toBe('hello');
    expect(await roundTrip(b, 'world')).toBe('world');
    expect(proxy.open).toBe(2);

    const closing = [closed(a), closed(b)];
    expect(proxy.dropAll()).toBe(2);
    await Promise.all(closing);
    expect(proxy.open).toBe(0);
    // The server side is cut too, as a real network failure eventually shows.
    while (echo.sockets.size > 0) await new Promise((r) => setTimeout(r, 5));

    const c = await connect(proxy.port);
    clients.push(c);
    expect(await roundTrip(c, 'again')).toBe('again');
    expect(proxy.accepted).toBe(3);
  });

  it('refuses new connections while told to, then accepts again', async () => {
    echo = await echoServer();
    proxy = await startTcpProxy(echo.port);
    proxy.refuse();
    const refused = await connect(proxy.port);
    clients.push(refused);
    await closed(refused);
    expect(proxy.accepted).toBe(0);
    expect(echo.sockets.size).toBe(0);

    proxy.accept();
    const ok = await connect(proxy.port);
    clients.push(ok);
    expect(await roundTrip(ok, 'ok')).toBe('ok');

    proxy.refuse(20);
    await new Promise((r) => setTimeout(r, 40));
    const later = await connect(proxy.port);
    clients.push(later);
    expect(await roundTrip(later, 'later')).toBe('later');
  });

  it('swallows bytes both ways while silenced, keeping the connection open', async () => {
    echo = await echoServer();
    proxy = await startTcpProxy(echo.port);
    const a = await connect(proxy.port);
    clients.push(a);
    expect(await roundTrip(a, 'before')).toBe('before');
    proxy.silence(true);
    const heard: string[] = [];
    a.on('data', (data) => heard.push(String(data)));
    a.write('lost');
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([]);
    expect(proxy.open).toBe(1);
    proxy.silence(false);
    a.write('after');
    while (heard.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(heard.join('')).toBe('after');
  });

  it('closes the client when the target is down', async () => {
    echo = await echoServer();
    const { port } = echo;
    echo.server.close();
    await once(echo.server, 'close');
    proxy = await startTcpProxy(port);
    const socket = await connect(proxy.port);
    clients.push(socket);
    await closed(socket);
    expect(proxy.open).toBe(0);
  });
});
