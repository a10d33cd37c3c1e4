import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { Engine, type EngineOptions } from '../engine/index.js';
import { REALTIME_SETTINGS, type RealtimeOptions, resolveRealtimeSettings } from './config.js';
import { handleRest } from './rest.js';
import { attachWebSocket } from './websocket.js';

/**
 * Realtime settings (heartbeatInterval, connectionTimeout, …: see RealtimeOptions) win over the environment
 * variables (HEARTBEAT_INTERVAL, …), which win over the defaults. They configure the engine startEmulator
 * creates; pass them to `new Engine()` instead when giving an `engine`.
 */
export interface EmulatorOptions extends RealtimeOptions {
  /**
   * Interface to listen on. Default `localhost`: 127.0.0.1 and, when the machine has it, ::1 on the same port,
   * so clients resolving localhost to either address reach the emulator.
   */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** The project id the CLI banner shows; every project is served whatever this says. */
  projectId?: string;
  /**
   * Security rules source to enforce (RulesCompileError when it does not compile); without it every request is
   * allowed until rules are loaded through `PUT /emulator/v1/projects/{p}:securityRules`.
   */
  rules?: string;
  /** A ready engine to serve (e.g. shared with in-process tests), or options for a new one. */
  engine?: Engine;
  engineOptions?: EngineOptions;
  /** Where HEARTBEAT_INTERVAL and the other variables are read; default process.env. */
  env?: Record<string, string | undefined>;
}

export interface RunningEmulator {
  /** Host clients should use: 127.0.0.1 when listening on localhost. */
  readonly host: string;
  readonly port: number;
  /** `http://{host}:{port}`; the WebSocket endpoint is `ws://{host}:{port}/kindling`. */
  readonly url: string;
  readonly projectId: string;
  readonly engine: Engine;
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_PROJECT_ID = 'demo-kindling';

function listen(server: Server | NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

const closeServer = (server: Server | NetServer) =>
  new Promise<void>((resolve) => server.close(() => resolve()));

/** The engine to serve: the given one, or a new one with the realtime settings resolved (ConfigError if bad). */
function engineFor(options: EmulatorOptions): Engine {
  const realtime: RealtimeOptions = {};
  for (const { option, target } of REALTIME_SETTINGS) {
    const value = options[option] ?? options.engineOptions?.[target];
    if (value !== undefined) realtime[option] = value;
  }
  if (options.engine) {
    if (Object.keys(realtime).length > 0)
      throw new TypeError('Realtime options configure a new engine; give them to new Engine() instead.');
    if (options.rules !== undefined) options.engine.setRules(options.rules);
    return options.engine;
  }
  const settings = resolveRealtimeSettings({ options: realtime, env: options.env ?? process.env });
  const rules = options.rules ?? options.engineOptions?.rules;
  return new Engine({ ...options.engineOptions, ...settings, rules });
}

/**
 * Starts one HTTP server serving REST v1, the admin endpoints and the WebSocket protocol on one port. Rejects
 * with a ConfigError naming the option or environment variable when a realtime setting is unusable.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const engine = engineFor(options);
  const requested = options.host ?? 'localhost';
  const server = createServer((req, res) => {
    handleRest(engine, req, res).catch(() => res.destroy());
  });
  const websocket = attachWebSocket(server, engine);
  const loopback = requested === 'localhost';
  const host = loopback ? '127.0.0.1' : requested;
  let port: number;
  try {
    port = await listen(server, options.port ?? DEFAULT_PORT, host);
  } catch (error) {
    await websocket.close();
    throw error;
  }
  // The IPv6 loopback feeds its connections to the same HTTP server; machines without ::1 just skip it.
  let ipv6: NetServer | undefined;
  if (loopback) {
    const candidate = createNetServer((socket) => server.emit('connection', socket));
    ipv6 = await listen(candidate, port, '::1').then(
      () => candidate,
      () => undefined,
    );
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    url: `http://${urlHost}:${port}`,
    projectId: options.projectId ?? DEFAULT_PROJECT_ID,
    engine,
    async stop() {
      await websocket.close();
      const closing = [closeServer(server), ...(ipv6 ? [closeServer(ipv6)] : [])];
      server.closeAllConnections();
      await Promise.all(closing);
    },
  };
}
