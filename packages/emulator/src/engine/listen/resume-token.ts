import { decodeBase64, encodeBase64 } from '@kindling/core';

/** What a resume token says: the client holds the results of database `database` at `version` of run `instanceId`. */
export interface ResumePoint {
  instanceId: string;
  database: string;
  version: number;
}

const FORMAT = 'k1';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** An opaque base64url token (no padding) for a point in a database's history. */
export function encodeResumeToken(point: ResumePoint): string {
  const text = [FORMAT, point.instanceId, point.database, String(point.version)].join('\n');
  return encodeBase64(encoder.encode(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The point a token encodes, or undefined for anything that is not a token of this format (garbled, foreign,
 * from an older format): the caller treats that like a token too old to resume from.
 */
export function decodeResumeToken(token: unknown): ResumePoint | undefined {
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return undefined;
  let text: string;
  try {
    text = decoder.decode(decodeBase64(token));
  } catch {
    return undefined;
  }
  const parts = text.split('\n');
  if (parts.length !== 4 || parts[0] !== FORMAT) return undefined;
  const [, instanceId, database, digits] = parts;
  if (!instanceId || !database || !/^(0|[1-9]\d{0,15})$/.test(digits)) return undefined;
  const version = Number(digits);
  if (!Number.isSafeInteger(version)) return undefined;
  return { instanceId, database, version };
}
