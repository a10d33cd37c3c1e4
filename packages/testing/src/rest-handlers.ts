import { httpStatusOf, type StatusError } from '@kindling/core';
import { type Engine, errorBody } from '@kindling/emulator/engine';
import { handleRestRequest } from '@kindling/emulator/rest';
import { type HttpHandler, HttpResponse, http } from 'msw';
import type { FaultPlan } from './faults.js';

/**
 * The Firestore method a REST v1 request calls, as far as faults care: the custom verb
 * (`…/documents:commit`), or listDocuments for a GET of a collection (an odd number of path segments).
 */
function restMethod(request: Request): string | undefined {
  const { pathname } = new URL(request.url);
  const verb = /:([A-Za-z]+)$/.exec(pathname)?.[1];
  if (verb) return verb;
  const path = pathname.split('/documents/')[1];
  if (request.method === 'GET' && path && path.split('/').length % 2 === 1) return 'listDocuments';
  return undefined;
}

/**
 * Google's error body for an injected fault, with the HTTP status Firestore's REST API gives its code, readable
 * cross-origin as the engine's own answers are.
 */
function faultResponse(request: Request, error: StatusError): Response {
  const { code, status, message } = errorBody(error);
  const http = httpStatusOf(code);
  const headers = { 'Access-Control-Allow-Origin': request.headers.get('origin') ?? '*' };
  return HttpResponse.json({ error: { code: http, message, status } }, { status: http, headers });
}

/** msw handlers serving Firestore's REST v1 API and the emulator's admin endpoints at `origin` from `engine`. */
export function restHandlers(engine: Engine, origin: string, faults: FaultPlan): HttpHandler[] {
  return [
    http.all(`${origin}/*`, ({ request }) => {
      const method = faults.pending > 0 ? restMethod(request) : undefined;
      const fault = method && faults.take(method);
      return fault ? faultResponse(request, fault) : handleRestRequest(engine, request);
    }),
  ];
}
