import { Code, METHODS, type Method, StatusError } from '@kindling/core';

/** Custom methods (`…/documents:runQuery`) the REST API serves: every one-shot method but listDocuments (a GET). */
export type Verb = Exclude<Method, 'listDocuments'>;
const VERBS = METHODS.filter((method): method is Verb => method !== 'listDocuments');

export type Route =
  | { kind: 'root' }
  | { kind: 'clear'; database: string }
  /** `/emulator/v1/projects/{p}:securityRules` */
  | { kind: 'rules'; project: string }
  /** `/v1/projects/{p}/databases/{d}/documents[/path][:verb]` */
  | { kind: 'documents'; database: string; path: string[]; verb?: Verb };

const VERB_SUFFIX = new RegExp(`:(${VERBS.join('|')})$`);

function decodeSegments(raw: string): string[] {
  try {
    return raw.split('/').map(decodeURIComponent);
  } catch {
    throw new StatusError(Code.INVALID_ARGUMENT, `Malformed percent-encoding in path: ${raw}`);
  }
}

// projects/{p}/databases/{d}/documents…: the database name and what follows `documents`.
function databaseAndRest(segments: string[]): { database: string; rest: string[] } | undefined {
  const [projects, project, databases, databaseId, documents, ...rest] = segments;
  if (projects !== 'projects' || databases !== 'databases' || documents !== 'documents') return undefined;
  if (project === undefined || databaseId === undefined) return undefined;
  return { database: `projects/${project}/databases/${databaseId}`, rest };
}

/** Which endpoint a request path names; undefined when none (404). */
export function routeOf(pathname: string): Route | undefined {
  if (pathname === '/') return { kind: 'root' };
  if (pathname.startsWith('/emulator/v1/')) {
    const rules = /^\/emulator\/v1\/projects\/([^/]+):securityRules$/.exec(pathname);
    if (rules) return { kind: 'rules', project: decodeSegments(rules[1])[0] };
    const parsed = databaseAndRest(decodeSegments(pathname.slice('/emulator/v1/'.length)));
    return parsed && parsed.rest.length === 0 ? { kind: 'clear', database: parsed.database } : undefined;
  }
  if (!pathname.startsWith('/v1/')) return undefined;
  let raw = pathname.slice('/v1/'.length);
  const verb = VERB_SUFFIX.exec(raw)?.[1] as Verb | undefined;
  if (verb) raw = raw.slice(0, -verb.length - 1);
  const parsed = databaseAndRest(decodeSegments(raw));
  if (!parsed) return undefined;
  return { kind: 'documents', database: parsed.database, path: parsed.rest, verb };
}
