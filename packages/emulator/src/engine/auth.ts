import { Code, StatusError } from '@kindling/core';
import type { AuthContext } from './rules/index.js';

/** Who sends a request: the bearer token as received (REST `Authorization`, the hello/auth frame), or none. */
export interface Caller {
  readonly token: string | null;
}

/** The token that bypasses security rules, as the official emulator's `Authorization: Bearer owner`. */
export const OWNER_TOKEN = 'owner';

export const UNAUTHENTICATED: Caller = { token: null };
export const OWNER: Caller = { token: OWNER_TOKEN };

/** A caller as rules see it: the owner (rules bypassed), or `request.auth` (null when unauthenticated). */
export type Principal =
  | { readonly owner: true }
  | { readonly owner: false; readonly auth: AuthContext | null };

const invalidJwt = () => new StatusError(Code.INVALID_ARGUMENT, 'invalid jwt');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function base64UrlDecode(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw invalidJwt();
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * A JWT's claims. The signature is not checked (the emulator trusts any token, as the official one does, so
 * tests can mint unsigned ones: `mockUserToken`); anything that is not `header.payload[.signature]` with a JSON
 * object payload is INVALID_ARGUMENT "invalid jwt", as the official emulator answers.
 */
export function decodeJwtClaims(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length < 2 || parts.length > 3) throw invalidJwt();
  let claims: unknown;
  try {
    claims = JSON.parse(base64UrlDecode(parts[1]));
  } catch {
    throw invalidJwt();
  }
  if (!isRecord(claims)) throw invalidJwt();
  return claims;
}

// A session's caller lives until its next auth frame and is asked about on every request and, for document
// listeners, on every commit: its token is decoded once.
const principals = new WeakMap<Caller, Principal>();

/** How rules see `caller`: `owner` bypasses them; another token is decoded into `request.auth` (uid = `sub`). */
export function principalOf(caller: Caller): Principal {
  let principal = principals.get(caller);
  if (principal) return principal;
  const { token } = caller;
  if (token === OWNER_TOKEN) principal = { owner: true };
  else if (token === null) principal = { owner: false, auth: null };
  else {
    const claims = decodeJwtClaims(token);
    principal = {
      owner: false,
      auth: { uid: typeof claims.sub === 'string' ? claims.sub : '', token: claims },
    };
  }
  principals.set(caller, principal);
  return principal;
}

/**
 * The token of an HTTP `Authorization` header: `Bearer <token>` (the scheme is case-insensitive); null when
 * the header is absent. Another scheme is INVALID_ARGUMENT.
 */
export function bearerToken(header: string | null): string | null {
  if (header === null) return null;
  const match = /^bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) {
    throw new StatusError(Code.INVALID_ARGUMENT, 'The Authorization header must be "Bearer <token>".');
  }
  return match[1];
}
