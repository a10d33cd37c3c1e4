import { describe, expect, it } from 'vitest';
import { bearerToken, principalOf } from './auth.js';
import { unsignedJwt } from './test-support.js';

describe('principalOf', () => {
  it('owner bypasses rules; no token is unauthenticated', () => {
    expect(principalOf({ token: 'owner' })).toEqual({ owner: true });
    expect(principalOf({ token: null })).toEqual({ owner: false, auth: null });
  });

  it('decodes an unsigned or signed JWT: uid is sub, token every claim (UTF-8 included)', () => {
    const claims = { sub: 'alice', email: 'ålice@example.com', admin: true, firebase: { tenant: 't' } };
    expect(principalOf({ token: unsignedJwt(claims) })).toEqual({
      owner: false,
      auth: { uid: 'alice', token: claims },
    });
    const signed = `${unsignedJwt({ sub: 'bob' })}c2lnbmF0dXJl`;
    expect(principalOf({ token: signed })).toMatchObject({ auth: { uid: 'bob' } });
    expect(principalOf({ token: unsignedJwt({ user_id: 'carol' }) })).toMatchObject({ auth: { uid: '' } });
  });

  it('refuses anything else as INVALID_ARGUMENT "invalid jwt", as the official emulator does', () => {
    for (const token of ['garbage', 'a.b.c.d', 'x.%%%.y', `x.${btoa('[1]')}.y`, `x.${btoa('{nope')}.`]) {
      expect(() => principalOf({ token }), token).toThrowError(
        expect.objectContaining({ status: 'INVALID_ARGUMENT', message: 'invalid jwt' }),
      );
    }
  });
});

describe('bearerToken', () => {
  it('reads "Bearer <token>" with any case of the scheme', () => {
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken('Bearer owner')).toBe('owner');
    expect(bearerToken('bearer a.b.c')).toBe('a.b.c');
  });

  it('refuses another scheme or a missing token', () => {
    for (const header of ['owner', 'Basic dXNlcg==', 'Bearer ', 'Bearer a b']) {
      expect(() => bearerToken(header), header).toThrowError(
        expect.objectContaining({ status: 'INVALID_ARGUMENT' }),
      );
    }
  });
});
