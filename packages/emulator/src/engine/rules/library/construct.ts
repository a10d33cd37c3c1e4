import { INT64_MAX, INT64_MIN } from '@kindling/core';
import type { RulesList, RulesMap, RulesPath, RulesSet, RulesValue } from '../value.js';
import { setMembership } from './equality.js';
import { intOutOfRange } from './errors.js';

export function listOf(items: RulesValue[]): RulesList {
  return { type: 'list', items };
}

export function mapOf(entries: Iterable<readonly [string, RulesValue]>): RulesMap {
  return { type: 'map', entries: new Map(entries) };
}

/** A set keeps the first of several loosely equal items (`[1, 1.0].toSet()` has one item, as in Firestore). */
export function setOf(items: Iterable<RulesValue>): RulesSet {
  const seen = setMembership();
  const distinct: RulesValue[] = [];
  for (const item of items) if (seen.add(item)) distinct.push(item);
  return { type: 'set', items: distinct };
}

export function pathOf(segments: string[]): RulesPath {
  return { type: 'path', segments };
}

/** Rules ints are int64: a result outside the range is an evaluation error, never a wrapped value. */
export function checkedInt(n: bigint): bigint {
  if (n < INT64_MIN || n > INT64_MAX) throw intOutOfRange();
  return n;
}
