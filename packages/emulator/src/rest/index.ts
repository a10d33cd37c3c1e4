import type { Engine } from '../engine/index.js';
import { NoSuchEndpoint, serveDocuments } from './documents.js';
import { corsHeaders, errorReply, json, type Reply, text, toResponse } from './http.js';
import { routeOf } from './route.js';
import { readRules, writeRules } from './rules.js';

export { MAX_BODY_BYTES } from './http.js';

async function serve(engine: Engine, request: Request, url: URL): Promise<Reply> {
  if (request.method === 'OPTIONS') return text('');
  const route = routeOf(url.pathname);
  if (route?.kind === 'root' && (request.method === 'GET' || request.method === 'HEAD')) return text('Ok');
  if (route?.kind === 'clear' && request.method === 'DELETE') {
    engine.clearDatabase(route.database);
    return json({});
  }
  if (route?.kind === 'rules' && request.method === 'GET') return json(readRules(engine, route.project));
  if (route?.kind === 'rules' && request.method === 'PUT') {
    return json(await writeRules(engine, route.project, request));
  }
  if (route?.kind !== 'documents') throw new NoSuchEndpoint();
  return json(await serveDocuments(engine, request, url.searchParams, route));
}

/**
 * Serves one request of Firestore's REST API (v1) or the emulator's admin endpoints, fetch-style: runs in any
 * JS runtime (Node's HTTP server adapts to it; msw handlers call it directly). Never rejects: failures become
 * Google error bodies (`{ error: { code, message, status } }`).
 */
export async function handleRestRequest(engine: Engine, request: Request): Promise<Response> {
  const headers = corsHeaders(request);
  const url = new URL(request.url);
  let reply: Reply;
  try {
    reply = await serve(engine, request, url);
  } catch (error) {
    reply =
      error instanceof NoSuchEndpoint
        ? json(
            {
              error: {
                code: 404,
                message: `No such endpoint: ${request.method} ${url.pathname}${url.search}`,
                status: 'NOT_FOUND',
              },
            },
            404,
          )
        : errorReply(error);
  }
  return toResponse(reply, headers);
}
