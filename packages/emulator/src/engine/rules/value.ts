/**
 * The values rules expressions compute with. Primitives are plain JavaScript values (ints are bigint so
 * that `int` and `float` stay distinct and 64-bit); the rest are tagged objects.
 */

export interface RulesBytes {
  type: 'bytes';
  bytes: Uint8Array;
}

export interface RulesList {
  type: 'list';
  items: RulesValue[];
}

export interface RulesMap {
  type: 'map';
  entries: ReadonlyMap<string, RulesValue>;
}

/** A set of distinct values (from `list.toSet()` or `map.keys().toSet()` and `map_diff` results). */
export interface RulesSet {
  type: 'set';
  items: RulesValue[];
}

/** A path: its segments, unescaped. `/databases/(default)/documents/users/a` has six. */
export interface RulesPath {
  type: 'path';
  segments: string[];
}

/** Nanoseconds since the Unix epoch. */
export interface RulesTimestamp {
  type: 'timestamp';
  nanos: bigint;
}

export interface RulesDuration {
  type: 'duration';
  nanos: bigint;
}

export interface RulesLatLng {
  type: 'latlng';
  latitude: number;
  longitude: number;
}

/** `a.diff(b)`: the result of comparing two maps. */
export interface RulesMapDiff {
  type: 'map_diff';
  left: RulesMap;
  right: RulesMap;
}

export type RulesValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | RulesBytes
  | RulesList
  | RulesMap
  | RulesSet
  | RulesPath
  | RulesTimestamp
  | RulesDuration
  | RulesLatLng
  | RulesMapDiff;

/**
 * Thrown for an evaluation error (a missing field, a type mismatch, a call the library does not have).
 * Firestore treats an error in a condition as false: the request is denied.
 */
export class RulesEvaluationError extends Error {
  override name = 'RulesEvaluationError';
}
