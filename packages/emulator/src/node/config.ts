import type { RealtimeSettings } from '../engine/index.js';

/**
 * The realtime settings as `startEmulator` takes them: durations in milliseconds or as strings such as `30s`,
 * counts as numbers or decimal strings, the byte bound in bytes or as `512KiB` / `8MiB`.
 */
export interface RealtimeOptions {
  /** How often the server pings each connection (and tells clients to ping). Default 30s; 0 turns pings off. */
  heartbeatInterval?: number | string;
  /** A connection the server hears nothing from for this long is closed (1001). Default 90s; 0 never. */
  connectionTimeout?: number | string;
  /** Listen targets one connection may hold; the next add is removed with RESOURCE_EXHAUSTED. Default 100. */
  maxSubscriptionsPerClient?: number | string;
  /** Listen frames a slow connection may have queued before its targets are resynced instead. Default 200. */
  eventBufferSize?: number | string;
  /** How often dead and silent sessions are swept away with their targets. Default 60s; 0 never. */
  cleanupInterval?: number | string;
  /** Bytes a socket may have unsent before listen frames queue in the server's buffer. Default 8 MiB. */
  maxBufferedBytes?: number | string;
}

type Kind = 'duration' | 'count' | 'bytes';

interface Setting {
  option: keyof RealtimeOptions;
  target: keyof RealtimeSettings;
  env: string;
  flag: string;
  kind: Kind;
  default: number;
}

const MiB = 1024 * 1024;

/** Every realtime setting with its environment variable, CLI flag and default (docs/protocol.md#configuration). */
export const REALTIME_SETTINGS: readonly Setting[] = [
  {
    option: 'heartbeatInterval',
    target: 'heartbeatIntervalMs',
    env: 'HEARTBEAT_INTERVAL',
    flag: '--heartbeat-interval',
    kind: 'duration',
    default: 30_000,
  },
  {
    option: 'connectionTimeout',
    target: 'connectionTimeoutMs',
    env: 'CONNECTION_TIMEOUT',
    flag: '--connection-timeout',
    kind: 'duration',
    default: 90_000,
  },
  {
    option: 'maxSubscriptionsPerClient',
    target: 'maxSubscriptionsPerClient',
    env: 'MAX_SUBSCRIPTIONS_PER_CLIENT',
    flag: '--max-subscriptions-per-client',
    kind: 'count',
    default: 100,
  },
  {
    option: 'eventBufferSize',
    target: 'eventBufferSize',
    env: 'EVENT_BUFFER_SIZE',
    flag: '--event-buffer-size',
    kind: 'count',
    default: 200,
  },
  {
    option: 'cleanupInterval',
    target: 'cleanupIntervalMs',
    env: 'CLEANUP_INTERVAL',
    flag: '--cleanup-interval',
    kind: 'duration',
    default: 60_000,
  },
  {
    option: 'maxBufferedBytes',
    target: 'maxBufferedBytes',
    env: 'MAX_BUFFERED_BYTES',
    flag: '--max-buffered-bytes',
    kind: 'bytes',
    default: 8 * MiB,
  },
];

/** A setting with a value that cannot be used; the message names where it came from. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Timers take at most a signed 32-bit number of milliseconds (about 24.8 days). */
export const MAX_DURATION_MS = 2 ** 31 - 1;

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BYTE_UNITS: Record<string, number> = { '': 1, KiB: 1024, MiB: MiB };

const EXPECTED: Record<Kind, string> = {
  duration: 'a duration such as 500ms, 30s, 2m or 1h (a plain number is milliseconds)',
  count: 'a positive integer',
  bytes: 'a positive number of bytes such as 1048576, 512KiB or 8MiB',
};

/**
 * Parses a duration into whole milliseconds: `500ms`, `30s`, `2m`, `1h`, `1.5s`, or a plain integer of
 * milliseconds. Returns undefined for anything else (signs, spaces, other units, fractions of a millisecond).
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!match) return undefined;
  const [, amount, unit] = match;
  if (unit === undefined && amount!.includes('.')) return undefined;
  const ms = Number(amount) * DURATION_UNITS[unit ?? 'ms']!;
  return Number.isSafeInteger(ms) ? ms : undefined;
}

function parseBytes(text: string): number | undefined {
  const match = /^(\d+)(KiB|MiB)?$/.exec(text);
  if (!match) return undefined;
  const bytes = Number(match[1]) * BYTE_UNITS[match[2] ?? '']!;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

function convert(kind: Kind, raw: number | string): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  switch (kind) {
    case 'duration':
      return parseDuration(raw);
    case 'count':
      return /^\d+$/.test(raw) ? Number(raw) : undefined;
    case 'bytes':
      return parseBytes(raw);
  }
}

function check(setting: Setting, raw: number | string, label: string): number {
  const value = convert(setting.kind, raw);
  const shown = JSON.stringify(raw);
  if (value === undefined || (setting.kind !== 'duration' && value < 1)) {
    throw new ConfigError(`${label} must be ${EXPECTED[setting.kind]}, got ${shown}`);
  }
  if (setting.kind === 'duration' && value > MAX_DURATION_MS) {
    throw new ConfigError(`${label} must be at most ${MAX_DURATION_MS}ms (about 24 days), got ${shown}`);
  }
  return value;
}

export interface ConfigSources {
  /** CLI flags by option name (as the CLI's parser returns them); they win over everything. */
  flags?: Partial<Record<keyof RealtimeOptions, string>>;
  /** `startEmulator` options; they win over the environment. */
  options?: RealtimeOptions;
  /** The environment (process.env); it wins over the defaults. */
  env?: Record<string, string | undefined>;
}

/**
 * Resolves every realtime setting: flag > option > environment variable > default. Throws a ConfigError naming
 * the flag, option or variable whose value is unusable.
 */
export function resolveRealtimeSettings(sources: ConfigSources): RealtimeSettings {
  const settings = {} as RealtimeSettings;
  for (const setting of REALTIME_SETTINGS) {
    const flag = sources.flags?.[setting.option];
    const option = sources.options?.[setting.option];
    const env = sources.env?.[setting.env];
    settings[setting.target] =
      flag !== undefined
        ? check(setting, flag, setting.flag)
        : option !== undefined
          ? check(setting, option, setting.option)
          : env !== undefined
            ? check(setting, env, setting.env)
            : setting.default;
  }
  return settings;
}
