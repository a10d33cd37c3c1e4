import type { IncomingMessage, ServerResponse } from 'node:http';
import { Code, httpStatusOf, MAX_FRAME_LENGTH, StatusError } from '@kindling/core';
import { errorBody } from '../engine/index.js';

/** Largest request body accepted, in bytes (Google APIs' limit for Firestore requests). */
export const MAX_BODY_BYTES = MAX_FRAME_LENGTH;

const methodsAllowed = 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';
const defaultAllowedHeaders =
  'authorization,content-type,x-goog-api-client,x-goog-request-params,x-firebase-gmpid,x-goog-user-project';

/** CORS for browsers: any origin may call, with any header it asks for (Firebase sends x-goog-* headers). */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) {
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', methodsAllowed);
    res.setHeader(
      'Access-Control-Allow-Headers',
      req.headers['access-control-request-headers'] ?? defaultAllowedHeaders,
    );
    res.setHeader('Access-Control-Max-Age', '3600');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Google's error body: `{ error: { code: <http status>, message, status } }`. */
export function sendError(res: ServerResponse, error: unknown): void {
  const { code, status, message } = errorBody(error);
  const http = httpStatusOf(code);
  sendJson(res, http, { error: { code: http, message, status } });
}

/** The request body as JSON ({} when empty), whatever the Content-Type; INVALID_ARGUMENT when not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new StatusError(
        Code.INVALID_ARGUMENT,
        `Request payload size exceeds the limit: ${MAX_BODY_BYTES} bytes.`,
      );
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StatusError(Code.INVALID_ARGUMENT, `Invalid JSON payload received: ${(e as Error).message}`);
  }
}
