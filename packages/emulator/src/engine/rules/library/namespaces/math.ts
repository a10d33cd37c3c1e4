import { INT64_MAX, INT64_MIN } from '@kindling/core';
import type { RulesValue } from '../../value.js';
import type { MethodTable } from '../signature.js';

const asFloat = (v: RulesValue) => Number(v as bigint | number);

/** Java's saturating double → long cast: NaN is 0, values beyond the int64 range clamp to its ends. */
export function saturatingInt(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x >= 2 ** 63) return INT64_MAX;
  if (x <= -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(x));
}

const number = [['int'], ['float']] as const;

// The functions of the rules reference. Result types follow the official emulator, where the reference differs:
// ceil and floor give floats, round gives an int (half up, like Java). The official emulator lacks isInfinite.
export const math: MethodTable<null> = {
  // abs(INT64_MIN) stays INT64_MIN, as Java's Math.abs does.
  abs: {
    overloads: number,
    run: (_, [x]) => (typeof x === 'bigint' ? BigInt.asIntN(64, x < 0n ? -x : x) : Math.abs(x as number)),
  },
  ceil: { overloads: number, run: (_, [x]) => Math.ceil(asFloat(x)) },
  floor: { overloads: number, run: (_, [x]) => Math.floor(asFloat(x)) },
  round: {
    overloads: number,
    run: (_, [x]) => (typeof x === 'bigint' ? x : saturatingInt(Math.round(x as number))),
  },
  sqrt: { overloads: number, run: (_, [x]) => Math.sqrt(asFloat(x)) },
  pow: {
    overloads: [
      ['int', 'int'],
      ['int', 'float'],
      ['float', 'int'],
      ['float', 'float'],
    ],
    run: (_, [base, exponent]) => asFloat(base) ** asFloat(exponent),
  },
  isInfinite: {
    overloads: number,
    run: (_, [x]) => typeof x === 'number' && !Number.isFinite(x) && !Number.isNaN(x),
  },
  isNaN: { overloads: number, run: (_, [x]) => typeof x === 'number' && Number.isNaN(x) },
};
