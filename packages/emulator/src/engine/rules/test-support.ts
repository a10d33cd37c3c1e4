import { expect } from 'vitest';
import { RulesEvaluationError, type RulesValue } from './value.js';
import { listOf, mapOf, setOf } from './values.js';

export const list = (...items: RulesValue[]) => listOf(items);
export const map = (fields: Record<string, RulesValue>) => mapOf(Object.entries(fields));
export const set = (...items: RulesValue[]) => setOf(items);
export const bytes = (...b: number[]): RulesValue => ({ type: 'bytes', bytes: new Uint8Array(b) });

/** The message of the RulesEvaluationError `run` throws; fails the test when it throws nothing or another error. */
export function evaluationError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(RulesEvaluationError);
    return (e as Error).message;
  }
  throw new Error('expected a RulesEvaluationError');
}
