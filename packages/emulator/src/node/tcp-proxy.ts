import { createConnection, createServer, type Socket } from 'node:net';
import { Transform } from 'node:stream';

/**
 * A loopback TCP proxy in front of the emulator, so tests can break the network between a client and the
 * server without touching either: `dropAll()` destroys every open connection (both directions, as a network
 * failure would), `refuse(ms)` turns new connections away for a while, and `silence(true)` swallows bytes both
 * ways while connections stay open, as a peer that went silent.
 */
export interface TcpProxy {
  readonly host: string;
  /** The port clients connect to instead of the target's. */
  readonly port: number;
  /** Connections accepted so far (each client connection counts once). */
  readonly accepted: number;
  /** Connections currently open. */
  readonly open: number;
  /** Destroys every open connection at once; returns how many there were. */
  dropAll(): number;
  /** Destroys every new connection on arrival for `ms` milliseconds (or until `accept()`); open ones stay. */
  refuse(ms?: number): void;
  /** Ends a `refuse` early. */
  accept(): void;
  /** While on, bytes are swallowed both ways and connections stay open. */
  silence(on: boolean): void;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  host?: string;
}

export async function startTcpProxy(
  targetPort: number,
  targetHost = '127.0.0.1',
  options: TcpProxyOptions = {},
): Promise<TcpProxy> {
  const host = options.host ?? '127.0.0.1';
  const pairs = new Set<[Socket, Socket]>();
  let accepted = 0;
  let refusing = false;
  let silent = false;
  let refuseTimer: ReturnType<typeof setTimeout> | undefined;

  // Piping keeps TCP flow control end to end, so a slow reader behind the proxy still looks slow to the server.
  const gate = () =>
    new Transform({
      transform(chunk, _encoding, done) {
        done(null, silent ? undefined : chunk);
      },
    });
  const server = createServer({ noDelay: true }, (client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    accepted += 1;
    const upstream = createConnection({ port: targetPort, host: targetHost, noDelay: true });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const teardown = () => {
      if (!pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    // Either side failing or closing takes the other down: the client must see what a broken network shows.
    for (const socket of pair) {
      socket.on('error', teardown);
      socket.on('close', teardown);
    }
    client.pipe(gate()).pipe(upstream);
    upstream.pipe(gate()).pipe(client);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('tcp proxy: no address'));
    });
  });

  const dropAll = () => {
    const count = pairs.size;
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      // resetAndDestroy sends RST where available, like a dropped link rather than a polite FIN.
      for (const socket of pair) {
        if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed && socket.readyState === 'open')
          socket.resetAndDestroy();
        else socket.destroy();
      }
    }
    return count;
  };
  const accept = () => {
    refusing = false;
    if (refuseTimer) clearTimeout(refuseTimer);
    refuseTimer = undefined;
  };

  return {
    host,
    port,
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    dropAll,
    refuse(ms) {
      accept();
      refusing = true;
      if (ms !== undefined) refuseTimer = setTimeout(accept, ms);
    },
    accept,
    silence(on) {
      silent = on;
    },
    close() {
      accept();
      dropAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
