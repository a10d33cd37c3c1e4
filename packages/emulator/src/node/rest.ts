import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Engine } from '../engine/index.js';
import { handleRestRequest } from '../rest/index.js';

/** Node's request as a fetch Request (the body streamed, not buffered here). */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // The path is appended, not resolved, so `//x` stays a path rather than naming a host.
  return new Request(`http://localhost${req.url ?? '/'}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
}

/** Serves one HTTP request of Firestore's REST API or the emulator's admin endpoints (see handleRestRequest). */
export async function handleRest(engine: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let request: Request;
  try {
    request = toRequest(req);
  } catch {
    // Methods fetch forbids (CONNECT, TRACE) and unparsable URLs: no endpoint serves them.
    res.writeHead(404).end();
    return;
  }
  const response = await handleRestRequest(engine, request);
  const body = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, key) => {
    res.setHeader(key, value);
  });
  res.writeHead(response.status, { 'content-length': body.length });
  res.end(body);
}
