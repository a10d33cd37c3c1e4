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

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Hinnant's civil-date algorithms).
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
