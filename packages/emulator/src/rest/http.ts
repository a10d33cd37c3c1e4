import { Code, httpStatusOf, MAX_FRAME_LENGTH, StatusError } from '@kindling/core';
import { errorBody } from '../engine/index.js';

/** Largest request body accepted, in bytes (Google APIs' limit for Firestore requests). */
export const MAX_BODY_BYTES = MAX_FRAME_LENGTH;

const methodsAllowed = 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';
const defaultAllowedHeaders =
  'authorization,content-type,x-goog-api-client,x-goog-request-params,x-firebase-gmpid,x-goog-user-project';

/** CORS for browsers: any origin may call, with any header it asks for (Firebase sends x-goog-* headers). */
export function corsHeaders(request: Request): Headers {
  const headers = new Headers();
  const origin = request.headers.get('origin');
  headers.set('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) {
    headers.set('Access-Control-Allow-Credentials', 'true');
    headers.set('Vary', 'Origin');
  }
  if (request.method === 'OPTIONS') {
    headers.set('Access-Control-Allow-Methods', methodsAllowed);
    headers.set(
      'Access-Control-Allow-Headers',
      request.headers.get('access-control-request-headers') ?? defaultAllowedHeaders,
    );
    headers.set('Access-Control-Max-Age', '3600');
  }
  return headers;
}

/** A response body with its status; the handler adds CORS headers. */
export interface Reply {
  status: number;
  body: unknown;
  /** `text`: the body is a string sent as text/plain (e.g. `GET /` answers `Ok`). */
  text?: boolean;
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });
export const text = (body: string, status = 200): Reply => ({ status, body, text: true });

/** Google's error body: `{ error: { code: <http status>, message, status } }`. */
export function errorReply(error: unknown): Reply {
  const { code, status, message } = errorBody(error);
  const http = httpStatusOf(code);
  return json({ error: { code: http, message, status } }, http);
}

export function toResponse(reply: Reply, headers: Headers): Response {
  headers.set('Content-Type', `${reply.text ? 'text/plain' : 'application/json'}; charset=utf-8`);
  const body = reply.text ? (reply.body as string) : JSON.stringify(reply.body);
  return new Response(body, { status: reply.status, headers });
}

const tooLarge = () =>
  new StatusError(Code.INVALID_ARGUMENT, `Request payload size exceeds the limit: ${MAX_BODY_BYTES} bytes.`);

/** The body's bytes, refusing more than {@link MAX_BODY_BYTES} without reading further. */
async function readCapped(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The request body as JSON ({} when empty), whatever the Content-Type; INVALID_ARGUMENT when not JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const body = new TextDecoder().decode(await readCapped(request));
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new StatusError(Code.INVALID_ARGUMENT, `Invalid JSON payload received: ${(e as Error).message}`);
  }
}
