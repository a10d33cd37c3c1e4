import type * as lite from 'firebase/firestore/lite';
import { backendStatusOfCode, liteCodeOfBackendStatus } from './error-codes.js';
import { type Api, type Json, Normalizer } from './normalize.js';
import { clearRestError, lastRestError, rawFetch } from './rest-error-recorder.js';

/** What the scenarios receive besides the API module and the database. */
export interface ScenarioContext {
  /** Unique per scenario and leg; prefix every top-level collection id and collection-group id with it. */
  readonly prefix: string;
  /** `${prefix}${name}`: a collection id no other scenario or leg uses. */
  col(name: string): string;
  /**
   * Runs something that talks to the server and returns its outcome. A failure becomes
   * `{ error, status }`: `error` in lite's terms, `status` the backend's status (see error-codes.ts).
   * On lite legs an error raised before any request becomes `{ error, message, clientSide: true }`, so a
   * client-side check mistakenly run through `outcome` shows up as a difference with the client leg.
   */
  outcome(fn: () => unknown): Promise<unknown>;
  /**
   * Runs an API call that must reject its arguments before sending anything: `{ error, message }` when
   * it throws or rejects (lite throws synchronously where the full SDK may return a rejected promise),
   * `{ noError: true }` when it does not.
   */
  thrown(fn: () => unknown): Promise<unknown>;
  /** The document as the server stores it (REST GET), with int vs double kept; null when missing. */
  stored(path: string): Promise<Json>;
  /**
   * Writes a document through the server's REST API with fields in proto3 JSON form, for values the SDKs
   * cannot produce (int64 beyond 2^53, a double holding an integral value).
   */
  rawWrite(path: string, fields: Record<string, unknown>): Promise<void>;
  /**
   * A raw REST request to the leg's server, for what the modular API cannot express (a create with an
   * exists:false precondition, malformed requests). `pathAndQuery` is relative to the documents root
   * ('coll/doc?x=y', or ':commit'), unless it starts with '/v1/'; a string body is sent as is; the request carries the emulators' admin
   * token (`Bearer owner`). Answers `{ http, status }` for errors,
   * `{ http }` otherwise; with `withBody`, successful answers also carry `body` (see Normalizer.restBody).
   */
  rest(method: string, pathAndQuery: string, body?: unknown, withBody?: boolean): Promise<Json>;
  /** The same request answering the raw parsed body, for chaining requests (tokens, times); throws on errors. */
  restJson(method: string, pathAndQuery: string, body?: unknown): Promise<any>;
  /** `getAggregate` in lite, `getAggregateFromServer` in the full-SDK-shaped client. */
  aggregate(query: lite.Query, spec: lite.AggregateSpec): Promise<unknown>;
}

export interface Scenario {
  name: string;
  run(fs: Api, db: lite.Firestore, ctx: ScenarioContext): Promise<unknown> | unknown;
}

/** How one leg connects and how its errors read. */
export interface Leg {
  name: string;
  fs: Api;
  db: lite.Firestore;
  /** http://host:port of the server the leg talks to, for raw REST reads. */
  origin: string;
  projectId: string;
  /** 'http': lite-over-REST semantics; 'backend': the client reports backend statuses itself. */
  errorCodes: 'http' | 'backend';
  /** One letter that makes this leg's prefixes distinct from the other legs'. */
  tag: string;
}

interface FirestoreErrorLike {
  code: string;
  message: string;
}

function isFirestoreError(e: unknown): e is FirestoreErrorLike {
  return typeof e === 'object' && e !== null && typeof (e as FirestoreErrorLike).code === 'string';
}

let counter = 0;

/**
 * Every leg's prefix starts with the same character, so a prefixed id compares with an unprefixed one
 * (a subcollection id, a value) the same way on every leg; the leg's tag goes last.
 */
export function uniquePrefix(tag: string): string {
  counter += 1;
  return `K${counter}${Math.random().toString(36).slice(2, 6)}${tag}_`;
}

/** Runs one scenario on one leg and returns its normalized result. */
export async function runScenario(scenario: Scenario, leg: Leg): Promise<Json> {
  const prefix = uniquePrefix(leg.tag);
  const normalizer = new Normalizer(leg.fs, prefix);
  // Only lite legs use the REST error record; the client leg shares its server's origin with the
  // kindling-rest leg and must not clear that leg's record while it runs concurrently.
  const usesRecord = leg.errorCodes === 'http';
  const startRequests = () => usesRecord && clearRestError(leg.origin);
  const sentNothing = () => usesRecord && lastRestError(leg.origin) === undefined;
  const describeError = (e: unknown, clientSide: boolean): Json => {
    if (!isFirestoreError(e)) throw e;
    if (clientSide) return { error: e.code, message: normalizer.text(e.message), clientSide: true };
    // Server messages differ between servers by design; CONFORMANCE_MESSAGES=1 shows them for diagnosis.
    const detail: Record<string, Json> = process.env.CONFORMANCE_MESSAGES ? { message: e.message } : {};
    if (usesRecord) return { error: e.code, status: lastRestError(leg.origin) ?? null, ...detail };
    const status = backendStatusOfCode(e.code);
    return { error: liteCodeOfBackendStatus(status), status, ...detail };
  };
  // 'a/b' addresses a document; ':commit' and the like address the database's documents root;
  // '/v1/…' is absolute (another project or database).
  const documentUrl = (path: string) => {
    if (path.startsWith('/v1/')) return `${leg.origin}${path}`;
    const root = `${leg.origin}/v1/projects/${leg.projectId}/databases/(default)/documents`;
    return path.startsWith(':') ? `${root}${path}` : `${root}/${path}`;
  };
  const restRequest = (method: string, pathAndQuery: string, body: unknown) =>
    rawFetch(documentUrl(pathAndQuery), {
      method,
      body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
      // As the Admin SDK does: the official emulator keeps listCollectionIds and showMissing for admins.
      headers: { authorization: 'Bearer owner' },
    });
  const ctx: ScenarioContext = {
    prefix,
    col: (name) => `${prefix}${name}`,
    async outcome(fn) {
      startRequests();
      try {
        return await fn();
      } catch (e) {
        // For lite a server error always leaves its body in the record; for our client a FirestoreError
        // without a request is indistinguishable here, which is why client-side checks use `thrown`.
        return describeError(e, sentNothing());
      }
    },
    async thrown(fn) {
      startRequests();
      try {
        await fn();
        return { noError: true };
      } catch (e) {
        // A lite leg that did reach the server shows it, so a misdeclared scenario cannot pass.
        return describeError(e, !usesRecord || sentNothing());
      }
    },
    async stored(path) {
      const response = await rawFetch(documentUrl(path));
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
      const document = (await response.json()) as { fields?: Record<string, Record<string, unknown>> };
      return normalizer.storedFields(document.fields);
    },
    async rawWrite(path, fields) {
      const response = await rawFetch(documentUrl(path), {
        method: 'PATCH',
        body: JSON.stringify({ fields }),
      });
      if (!response.ok) throw new Error(`PATCH ${path}: HTTP ${response.status} ${await response.text()}`);
    },
    async rest(method, pathAndQuery, body, withBody): Promise<Json> {
      const response = await restRequest(method, pathAndQuery, body);
      if (response.ok && withBody)
        return { http: response.status, body: normalizer.restBody(await response.json()) };
      if (response.ok) return { http: response.status };
      const error = ((await response.json().catch(() => ({}))) as { error?: { status?: string } }).error;
      return { http: response.status, status: error?.status ?? null };
    },
    async restJson(method, pathAndQuery, body) {
      const response = await restRequest(method, pathAndQuery, body);
      if (!response.ok)
        throw new Error(`${method} ${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
      return response.json();
    },
    aggregate(query, spec) {
      const api = leg.fs as Api & { getAggregateFromServer?: typeof lite.getAggregate };
      return (api.getAggregateFromServer ?? api.getAggregate)(query, spec);
    },
  };
  let result: unknown;
  startRequests();
  try {
    result = await scenario.run(leg.fs, leg.db, ctx);
  } catch (e) {
    // An unexpected failure is a result too: its code must agree across legs, and anything else thrown
    // (a TypeError from a missing function) shows in the per-leg diff rather than aborting the comparison.
    if (!isFirestoreError(e)) return { uncaught: { thrown: normalizer.text(String(e)) } };
    return { uncaught: describeError(e, sentNothing()) };
  }
  return normalizer.value(result);
}
