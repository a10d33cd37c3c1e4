import { civilFromDays, daysFromCivil } from '@kindling/core';
import type { RulesDuration, RulesValue } from '../../value.js';
import { RulesEvaluationError } from '../../value.js';
import { formatFloat } from '../format.js';
import { fn, type MethodTable } from '../signature.js';
import { durationOf, NANOS_PER_MILLI, NANOS_PER_SECOND, timestampOf } from '../time.js';
import { parseTimestampText } from '../timestamp-text.js';

const UNIT_NANOS: Record<string, bigint> = {
  w: 7n * 86_400n * NANOS_PER_SECOND,
  d: 86_400n * NANOS_PER_SECOND,
  h: 3_600n * NANOS_PER_SECOND,
  m: 60n * NANOS_PER_SECOND,
  s: NANOS_PER_SECOND,
  ms: NANOS_PER_MILLI,
  ns: 1n,
};

export const duration: MethodTable<null> = {
  abs: fn(['duration'], (_, [d]) => {
    const nanos = (d as RulesDuration).nanos;
    return durationOf(nanos < 0n ? -nanos : nanos);
  }),
  time: fn(['int', 'int', 'int', 'int'], (_, args) => {
    const [h, m, s, ns] = args as bigint[];
    return durationOf(((h * 60n + m) * 60n + s) * NANOS_PER_SECOND + ns);
  }),
  value: fn(['int', 'string'], (_, [magnitude, unit]) => {
    const scale = Object.hasOwn(UNIT_NANOS, unit as string) ? UNIT_NANOS[unit as string] : undefined;
    if (scale === undefined) {
      throw new RulesEvaluationError(
        `Invalid duration unit: [${unit}]. Expected one of: w, d, h, m, s, ms, ns.`,
      );
    }
    return durationOf((magnitude as bigint) * scale);
  }),
};

export const timestamp: MethodTable<null> = {
  date: fn(['int', 'int', 'int'], (_, args) => {
    const [year, month, day] = (args as bigint[]).map(Number);
    if (year < 1 || year > 9999) {
      throw new RulesEvaluationError(
        `Timestamp should be between 0001-01-01T00.00.00Z and 9999-12-31T23.59.59Z. year: ${year}.`,
      );
    }
    const days = daysFromCivil(year, month, day);
    // An invalid date (month 13, February 30) does not survive the round trip through day numbers.
    const back = civilFromDays(days);
    if (back.year !== year || back.month !== month || back.day !== day) {
      throw new RulesEvaluationError(`Date is not valid. year: ${year}, month: ${month} day: ${day}.`);
    }
    return timestampOf(BigInt(days) * 86_400n * NANOS_PER_SECOND);
  }),
  value: {
    overloads: [['int'], ['string']],
    run: (_, [v]: RulesValue[]) =>
      typeof v === 'string' ? parseTimestampText(v) : timestampOf((v as bigint) * NANOS_PER_MILLI),
  },
};

export const latlng: MethodTable<null> = {
  value: {
    overloads: [
      ['int', 'int'],
      ['int', 'float'],
      ['float', 'int'],
      ['float', 'float'],
    ],
    run: (_, args) => {
      const [latitude, longitude] = args.map((v) => Number(v as bigint | number));
      if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
        throw new RulesEvaluationError(
          `Latitude should be in [-90,90] range and longitude should be in [-180,180] range. latitude: ${formatFloat(latitude)}, longitude: ${formatFloat(longitude)}.`,
        );
      }
      return { type: 'latlng', latitude, longitude };
    },
  },
};
