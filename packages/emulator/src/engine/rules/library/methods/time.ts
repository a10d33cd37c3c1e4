import { civilFromDays, daysFromCivil } from '@kindling/core';
import type { RulesDuration, RulesTimestamp } from '../../value.js';
import { fn, type MethodTable } from '../signature.js';
import { durationOf, floorDiv, NANOS_PER_MILLI, NANOS_PER_SECOND, timestampOf } from '../time.js';

const NANOS_PER_MINUTE = 60n * NANOS_PER_SECOND;
const NANOS_PER_HOUR = 60n * NANOS_PER_MINUTE;
const NANOS_PER_DAY = 24n * NANOS_PER_HOUR;

/** A timestamp split into its UTC calendar day and the nanoseconds since that day's midnight. */
function split(t: RulesTimestamp) {
  const days = floorDiv(t.nanos, NANOS_PER_DAY);
  return { days: Number(days), ofDay: t.nanos - days * NANOS_PER_DAY };
}

const civil = (t: RulesTimestamp) => civilFromDays(split(t).days);

export const timestampMethods: MethodTable<RulesTimestamp> = {
  date: fn([], (t) => timestampOf(BigInt(split(t).days) * NANOS_PER_DAY)),
  day: fn([], (t) => BigInt(civil(t).day)),
  /** ISO: Monday is 1, Sunday 7 (1970-01-01 was a Thursday, 4). */
  dayOfWeek: fn([], (t) => BigInt((((split(t).days + 3) % 7) + 7) % 7) + 1n),
  dayOfYear: fn([], (t) => {
    const { days } = split(t);
    return BigInt(days - daysFromCivil(civilFromDays(days).year, 1, 1) + 1);
  }),
  hours: fn([], (t) => split(t).ofDay / NANOS_PER_HOUR),
  minutes: fn([], (t) => (split(t).ofDay / NANOS_PER_MINUTE) % 60n),
  month: fn([], (t) => BigInt(civil(t).month)),
  nanos: fn([], (t) => split(t).ofDay % NANOS_PER_SECOND),
  seconds: fn([], (t) => (split(t).ofDay / NANOS_PER_SECOND) % 60n),
  time: fn([], (t) => durationOf(split(t).ofDay)),
  toMillis: fn([], (t) => floorDiv(t.nanos, NANOS_PER_MILLI)),
  year: fn([], (t) => BigInt(civil(t).year)),
};

/** A duration's whole seconds and the remaining nanoseconds, both carrying the duration's sign. */
export const durationMethods: MethodTable<RulesDuration> = {
  seconds: fn([], (d) => d.nanos / NANOS_PER_SECOND),
  nanos: fn([], (d) => d.nanos % NANOS_PER_SECOND),
};
