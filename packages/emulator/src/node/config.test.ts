import { describe, expect, it } from 'vitest';
import { DEFAULT_REALTIME_SETTINGS } from '../engine/index.js';
import { ConfigError, parseDuration, REALTIME_SETTINGS, resolveRealtimeSettings } from './config.js';

describe('parseDuration', () => {
  it('reads ms, s, m and h, and plain integers as milliseconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('250')).toBe(250);
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      'abc',
      '-1s',
      '1.5.s',
      '1.5',
      '0.5ms',
      '1 s',
      ' 1s',
      '1s ',
      '1d',
      '1S',
      's',
      '+1s',
      '1e3',
    ])
      expect(parseDuration(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('resolveRealtimeSettings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(resolveRealtimeSettings({})).toEqual({
      heartbeatIntervalMs: 30_000,
      connectionTimeoutMs: 90_000,
      maxSubscriptionsPerClient: 100,
      eventBufferSize: 200,
      cleanupIntervalMs: 60_000,
      maxBufferedBytes: 8 * 1024 * 1024,
    });
    expect(resolveRealtimeSettings({})).toEqual(DEFAULT_REALTIME_SETTINGS);
  });

  it('reads every environment variable', () => {
    expect(
      resolveRealtimeSettings({
        env: {
          HEARTBEAT_INTERVAL: '5s',
          CONNECTION_TIMEOUT: '2m',
          MAX_SUBSCRIPTIONS_PER_CLIENT: '7',
          EVENT_BUFFER_SIZE: '50',
          CLEANUP_INTERVAL: '1h',
          MAX_BUFFERED_BYTES: '512KiB',
          UNRELATED: 'x',
        },
      }),
    ).toEqual({
      heartbeatIntervalMs: 5000,
      connectionTimeoutMs: 120_000,
      maxSubscriptionsPerClient: 7,
      eventBufferSize: 50,
      cleanupIntervalMs: 3_600_000,
      maxBufferedBytes: 512 * 1024,
    });
  });

  it('lets flags win over options, options over the environment', () => {
    const env = { HEARTBEAT_INTERVAL: '1s', CONNECTION_TIMEOUT: '2s', EVENT_BUFFER_SIZE: '3' };
    const options = { heartbeatInterval: 10, connectionTimeout: '20s' };
    const flags = { heartbeatInterval: '100ms' };
    expect(resolveRealtimeSettings({ env, options, flags })).toMatchObject({
      heartbeatIntervalMs: 100,
      connectionTimeoutMs: 20_000,
      eventBufferSize: 3,
      cleanupIntervalMs: 60_000,
    });
  });

  it('accepts numbers in options as milliseconds and counts', () => {
    expect(
      resolveRealtimeSettings({
        options: {
          heartbeatInterval: 0,
          cleanupInterval: 50,
          maxSubscriptionsPerClient: 2,
          maxBufferedBytes: 1,
        },
      }),
    ).toMatchObject({
      heartbeatIntervalMs: 0,
      cleanupIntervalMs: 50,
      maxSubscriptionsPerClient: 2,
      maxBufferedBytes: 1,
    });
  });

  const message = (sources: Parameters<typeof resolveRealtimeSettings>[0]) => {
    try {
      resolveRealtimeSettings(sources);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  const DURATION = 'a duration such as 500ms, 30s, 2m or 1h (a plain number is milliseconds)';

  it('names the variable, flag or option of a bad value', () => {
    expect(message({ env: { HEARTBEAT_INTERVAL: 'abc' } })).toBe(
      `HEARTBEAT_INTERVAL must be ${DURATION}, got "abc"`,
    );
    expect(message({ env: { CONNECTION_TIMEOUT: '-1s' } })).toBe(
      `CONNECTION_TIMEOUT must be ${DURATION}, got "-1s"`,
    );
    expect(message({ env: { CLEANUP_INTERVAL: '1.5.s' } })).toBe(
      `CLEANUP_INTERVAL must be ${DURATION}, got "1.5.s"`,
    );
    expect(message({ env: { CLEANUP_INTERVAL: '' } })).toBe(`CLEANUP_INTERVAL must be ${DURATION}, got ""`);
    expect(message({ env: { MAX_SUBSCRIPTIONS_PER_CLIENT: '0' } })).toBe(
      'MAX_SUBSCRIPTIONS_PER_CLIENT must be a positive integer, got "0"',
    );
    expect(message({ env: { EVENT_BUFFER_SIZE: '1e3' } })).toBe(
      'EVENT_BUFFER_SIZE must be a positive integer, got "1e3"',
    );
    expect(message({ env: { MAX_BUFFERED_BYTES: '8MB' } })).toBe(
      'MAX_BUFFERED_BYTES must be a positive number of bytes such as 1048576, 512KiB or 8MiB, got "8MB"',
    );
    expect(message({ env: { HEARTBEAT_INTERVAL: '1000h' } })).toBe(
      'HEARTBEAT_INTERVAL must be at most 2147483647ms (about 24 days), got "1000h"',
    );
    expect(message({ flags: { eventBufferSize: 'many' }, env: { EVENT_BUFFER_SIZE: '5' } })).toBe(
      '--event-buffer-size must be a positive integer, got "many"',
    );
    expect(message({ options: { connectionTimeout: -5 } })).toBe(
      `connectionTimeout must be ${DURATION}, got -5`,
    );
    expect(message({ options: { heartbeatInterval: 1.5 } })).toBe(
      `heartbeatInterval must be ${DURATION}, got 1.5`,
    );
    expect(message({ options: { maxSubscriptionsPerClient: 0 } })).toBe(
      'maxSubscriptionsPerClient must be a positive integer, got 0',
    );
  });

  it('lists one flag and one variable per setting', () => {
    expect(REALTIME_SETTINGS.map((s) => [s.env, s.flag])).toEqual([
      ['HEARTBEAT_INTERVAL', '--heartbeat-interval'],
      ['CONNECTION_TIMEOUT', '--connection-timeout'],
      ['MAX_SUBSCRIPTIONS_PER_CLIENT', '--max-subscriptions-per-client'],
      ['EVENT_BUFFER_SIZE', '--event-buffer-size'],
      ['CLEANUP_INTERVAL', '--cleanup-interval'],
      ['MAX_BUFFERED_BYTES', '--max-buffered-bytes'],
    ]);
  });
});
