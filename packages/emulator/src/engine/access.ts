import { Code, type Document, parseDocumentName, StatusError, type StructuredQuery } from '@kindling/core';
import { type Caller, principalOf } from './auth.js';
import { microsToTimestamp, timestampToMicros } from './clock.js';
import type { EngineContext } from './context.js';
import { lookupBudget, SINGLE_LOOKUPS } from './lookup-budgets.js';
import type {
  AccessRequest,
  AuthContext,
  Decision,
  DocumentReader,
  LookupBudget,
  Ruleset,
} from './rules/index.js';

const denied = (message: string) => new StatusError(Code.PERMISSION_DENIED, message);

function enforce(decision: Decision): void {
  if (!decision.allowed) throw denied(decision.message);
}

/**
 * `request.time` for a request served at `timestamp`: millisecond precision, the precision of the server
 * timestamps a commit writes, so `request.resource.data.t == request.time` holds for `t` = serverTimestamp().
 */
function requestTime(timestamp: string): string {
  const micros = timestampToMicros(timestamp);
  return microsToTimestamp(micros - (micros % 1000));
}

/** One write's document as rules judge it. */
export type DocumentAccess = Omit<AccessRequest, 'auth' | 'time'>;

/**
 * The security rules one request is checked against, and its caller. Unrestricted when no rules are loaded or
 * the caller is the owner: every check then passes without evaluating anything.
 */
export class Access {
  static readonly UNRESTRICTED = new Access(null, null);

  private constructor(
    private readonly rules: Ruleset | null,
    private readonly auth: AuthContext | null,
  ) {}

  /** The access of `caller` under `rules` (null: none loaded); INVALID_ARGUMENT for a malformed token. */
  static of(rules: Ruleset | null, caller: Caller): Access {
    const principal = principalOf(caller);
    if (!rules || principal.owner) return Access.UNRESTRICTED;
    return new Access(rules, principal.auth);
  }

  get restricted(): boolean {
    return this.rules !== null;
  }

  /** Whether a decision may change by itself, with nothing but the time changing (the rules read it). */
  get readsTime(): boolean {
    return this.rules?.readsTime ?? false;
  }

  /**
   * PERMISSION_DENIED unless the rules allow each access, evaluated in order; `budget` gives each access the
   * lookup budget it counts against (one shared budget, or one per write of a batch).
   */
  documents(
    accesses: DocumentAccess[],
    time: string,
    reads: DocumentReader,
    budget: () => LookupBudget,
  ): void {
    if (!this.rules) return;
    for (const access of accesses) {
      enforce(this.rules.authorize({ ...access, auth: this.auth, time: requestTime(time) }, reads, budget()));
    }
  }

  /** PERMISSION_DENIED unless the list rules hold for every document the query could return. */
  query(
    parent: string,
    query: StructuredQuery,
    time: string,
    reads: DocumentReader,
    budget = lookupBudget(SINGLE_LOOKUPS),
  ): void {
    if (!this.rules) return;
    const request = { parent, query, auth: this.auth, time: requestTime(time) };
    enforce(this.rules.authorizeQuery(request, reads, budget));
  }

  /**
   * Listing collection ids or missing documents reveals structure rules cannot describe: with rules loaded only
   * the owner may, as in the official emulator.
   */
  metadata(): void {
    if (this.rules) throw denied('Metadata operations require admin authentication.');
  }
}

/**
 * Lookups as of `version` of `database` (a read's snapshot); documents of other databases as they are now.
 * Reads have no "after" state, so getAfter() sees the same documents as get().
 */
export function snapshotReader(ctx: EngineContext, database: string, version?: number): DocumentReader {
  // A listener's permit reads the same names again before every change: parse each name once.
  const owners = new Map<string, string | null>();
  const ownerOf = (name: string): string | null => {
    let owner = owners.get(name);
    if (owner === undefined) {
      try {
        owner = parseDocumentName(name).database;
      } catch {
        owner = null;
      }
      owners.set(name, owner);
    }
    return owner;
  };
  const read = (name: string): Document | null => {
    const owner = ownerOf(name);
    if (owner === null) return null;
    return ctx.store(owner).get(name, owner === database ? version : undefined).doc;
  };
  return { before: read, after: read };
}
