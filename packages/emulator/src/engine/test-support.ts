import type { Value, Write } from '@kindling/core';
import { expect } from 'vitest';

export const DB = 'projects/demo-test/databases/(default)';
export const ROOT = `${DB}/documents`;
export const docName = (path: string, database = DB) => `${database}/documents/${path}`;

export const int = (n: number): Value => ({ integerValue: String(n) });
export const str = (s: string): Value => ({ stringValue: s });

export const set = (path: string, fields: Record<string, Value>, database = DB): Write => ({
  update: { name: docName(path, database), fields },
});

/** A fake wall clock tests move by hand. */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Expects `promise` to reject with a StatusError of `status` (and `message` when given). */
export async function expectStatus(promise: Promise<unknown>, status: string, message?: string | RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${status}`).toBeDefined();
  expect((error as { status?: string }).status).toBe(status);
  if (message !== undefined) {
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  }
}

/** An unsigned JWT (alg none) carrying `claims`, as firebase's mockUserToken builds one. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => {
    const utf8 = String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)));
    return btoa(utf8).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  };
  return `${encode({ alg: 'none', type: 'JWT' })}.${encode(claims)}.`;
}

/** A small deterministic PRNG (mulberry32), so a randomized test replays exactly from its seed. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
