import type { RulesDuration, RulesTimestamp } from '../value.js';
import { RulesEvaluationError } from '../value.js';

export const NANOS_PER_SECOND = 1_000_000_000n;
export const NANOS_PER_MILLI = 1_000_000n;

// google.protobuf.Timestamp's range, 0001-01-01 to 9999-12-31 (as the official emulator checks it).
const MIN_TIMESTAMP = -62_135_596_800n * NANOS_PER_SECOND;
const MAX_TIMESTAMP = 253_402_300_800n * NANOS_PER_SECOND - 1n;
// google.protobuf.Duration's range, about ±10,000 years.
const MAX_DURATION = 315_576_000_001n * NANOS_PER_SECOND - 1n;

export function invalidTimestamp(): RulesEvaluationError {
  return new RulesEvaluationError(
    'Timestamp is not valid. Seconds must be in range [-62,135,596,800, +253,402,300,799]. Nanos must be in range [0, +999,999,999].',
  );
}

export function timestampOf(nanos: bigint): RulesTimestamp {
  if (nanos < MIN_TIMESTAMP || nanos > MAX_TIMESTAMP) throw invalidTimestamp();
  return { type: 'timestamp', nanos };
}

export function durationOf(nanos: bigint): RulesDuration {
  if (nanos < -MAX_DURATION || nanos > MAX_DURATION) {
    throw new RulesEvaluationError(
      'Duration is not valid. Seconds must be in range [-315,576,000,000, +315,576,000,000]. Nanos must be in range [-999,999,999, +999,999,999]. Nanos must have the same sign as seconds.',
    );
  }
  return { type: 'duration', nanos };
}

/** Floor division, for splitting nanos since the epoch into days and the time of day. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
