import type * as lite from 'firebase/firestore/lite';
import type { DocumentData, Firestore } from 'firebase/firestore/lite';

/** The modular API the operations are written against. */
export type RulesApi = typeof lite;

/**
 * Who makes the request: `null` is unauthenticated, `'owner'` the emulators' admin token (rules bypassed);
 * otherwise the claims of an unsigned token (`connectFirestoreEmulator(db, host, port, { mockUserToken })`),
 * `sub` being the uid.
 */
export type Caller = null | 'owner' | { sub: string; [claim: string]: unknown };

export type Seed = Record<string, DocumentData>;

/** `allowed`, `denied` (permission-denied), or the code of any other error the operation ended with. */
export type Outcome = 'allowed' | 'denied' | (string & {});

export interface RulesScenario {
  name: string;
  caller: Caller;
  /**
   * Documents written with rules bypassed (`Bearer owner`) before the operation, by path; a function receives
   * the writing database, for values such as references that belong to one.
   */
  seed?: Seed | ((db: Firestore) => Seed);
  /**
   * The operation, on a database authenticated as `caller`, through `fs`: `firebase/firestore/lite`, or
   * `@kindling/client` (which has the same modular API) on the Kindling WebSocket leg.
   */
  op(fs: RulesApi, db: Firestore): Promise<unknown>;
  expected: Outcome;
  /** Set while Kindling is known to differ: what is wrong (the test is an expected failure). */
  kindlingBug?: string;
}

/** Scenarios sharing one rules file, so that each server loads it once. */
export interface RulesGroup {
  name: string;
  rules: string;
  scenarios: RulesScenario[];
}

/** A signed-in caller with extra token claims. */
export const user = (uid: string, claims: Record<string, unknown> = {}): Caller => ({ sub: uid, ...claims });

/** `rules_version = '2'` and the database match around the given match blocks and functions. */
export function rulesFile(body: string, serviceLevel = ''): string {
  return `rules_version = '2';
service cloud.firestore {
${serviceLevel}
  match /databases/{database}/documents {
${body}
  }
}
`;
}
