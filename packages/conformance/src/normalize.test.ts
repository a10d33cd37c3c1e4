import { describe, expect, it } from 'vitest';
import { backendStatusOfCode, liteCodeOfBackendStatus } from './error-codes.js';
import { documentPathOf, parseRfc3339 } from './normalize.js';

describe('parseRfc3339', () => {
  it('keeps every fractional digit', () => {
    expect(parseRfc3339('2001-02-03T04:05:06.123456789Z')).toBe('981173106.123456789');
    expect(parseRfc3339('1970-01-01T00:00:01.5Z')).toBe('1.500000000');
    expect(parseRfc3339('1970-01-01T00:00:00Z')).toBe('0.000000000');
  });

  it('handles times before the epoch and offsets', () => {
    expect(parseRfc3339('1969-12-31T23:59:59.000001Z')).toBe('-1.000001000');
    expect(parseRfc3339('1970-01-01T01:00:00+01:00')).toBe('0.000000000');
  });
});

describe('error codes', () => {
  it('maps a backend status through its HTTP status to the code lite reports', () => {
    expect(liteCodeOfBackendStatus('INVALID_ARGUMENT')).toBe('failed-precondition');
    expect(liteCodeOfBackendStatus('ALREADY_EXISTS')).toBe('aborted');
    expect(liteCodeOfBackendStatus('NOT_FOUND')).toBe('not-found');
    expect(liteCodeOfBackendStatus('RESOURCE_EXHAUSTED')).toBe('resource-exhausted');
  });

  it('spells SDK codes as backend statuses', () => {
    expect(backendStatusOfCode('failed-precondition')).toBe('FAILED_PRECONDITION');
  });
});

describe('documentPathOf', () => {
  it('strips the database prefix of a resource name', () => {
    expect(documentPathOf('projects/p/databases/(default)/documents/a/b')).toBe('a/b');
  });
});
