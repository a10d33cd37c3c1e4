import {
  doubleOf,
  doubleValue,
  getField,
  integerOf,
  integerValue,
  isDouble,
  isInteger,
  outsideInt64,
} from '../model/index.js';
import type { Aggregation, Document, StructuredQuery, Value } from '../protocol/v1.js';
import { invalidArgument } from '../status.js';
import { isKeyPath, segmentsOf } from './field-path.js';
import { normalizeOrderBy } from './normalize.js';
import { checkAggregationsShape } from './shape.js';

/** Production Firestore refuses more than five aggregations in one query (the official emulator fails with 500). */
export const MAX_AGGREGATIONS = 5;

// proto3 JSON sends int64 as a decimal string, but accept a JSON number too, as Google's parsers do.
function upToOf(raw: unknown): bigint | undefined {
  if (raw === undefined || raw === null) return undefined;
  const ok =
    (typeof raw === 'string' && /^-?\d+$/.test(raw)) || (typeof raw === 'number' && Number.isInteger(raw));
  const n = ok ? BigInt(raw as string | number) : undefined;
  if (n === undefined || outsideInt64(n)) throw invalidArgument("Payload isn't valid for request.");
  return n;
}

const operatorCount = (a: Aggregation) => Number(!!a.count) + Number(!!a.sum) + Number(!!a.avg);

/**
 * The result key of each aggregation: its alias, or Firestore's default `field_N`, N counting the aggregations
 * without an alias.
 */
export function aggregationAliases(aggregations: Aggregation[]): string[] {
  let unnamed = 0;
  return aggregations.map((a) => (a.alias ? a.alias : `field_${++unnamed}`));
}

/** Refuses (INVALID_ARGUMENT, with the official emulator's messages) aggregations Firestore would not run. */
export function validateAggregations(aggregations: Aggregation[]): void {
  checkAggregationsShape(aggregations);
  if (aggregations.length === 0) throw invalidArgument('Aggregations can not be empty.');
  if (aggregations.length > MAX_AGGREGATIONS) {
    throw invalidArgument(`Aggregations can not have more than ${MAX_AGGREGATIONS} entries.`);
  }
  for (const a of aggregations) {
    if (operatorCount(a) !== 1) throw invalidArgument('Operator field in Aggregation is not set.');
    if (a.count && (upToOf(a.count.upTo) ?? 0n) < 0n) {
      throw invalidArgument(
        'The `up_to` value in a COUNT aggregation must be greater than or equal to zero.',
      );
    }
    const field = a.sum?.field ?? a.avg?.field;
    if ((a.sum || a.avg) && isKeyPath(segmentsOf(field))) {
      throw invalidArgument('Aggregations are not supported for the property: __key__');
    }
    if (a.alias && /^__.*__$/.test(a.alias)) {
      throw invalidArgument(`The property.name "${a.alias}" is reserved.`);
    }
  }
  const seen = new Set<string>();
  for (const alias of aggregationAliases(aggregations)) {
    if (seen.has(alias)) throw invalidArgument(`Aggregation aliases contain duplicate alias: ${alias}.`);
    seen.add(alias);
  }
}

/** The fields an aggregation query sums or averages. */
export const aggregatedFields = (aggregations: Aggregation[]): string[][] =>
  aggregations.flatMap((a) => (a.sum || a.avg ? [segmentsOf(a.sum?.field ?? a.avg?.field)] : []));

/**
 * The query whose answer an aggregation query aggregates. Firestore reads a sum or average through an index on
 * its field, so the fields join the query's implicit orders (after the inequality fields, before `__name__`):
 * documents without them are left out, and a limit keeps the first ones in that order. Expects a query and
 * aggregations that passed validateQuery(query, parent, aggregations).
 */
export function aggregationQuery(query: StructuredQuery, aggregations: Aggregation[]): StructuredQuery {
  const fields = aggregatedFields(aggregations);
  return fields.length === 0 ? query : { ...query, orderBy: normalizeOrderBy(query, fields) };
}

interface NumericSum {
  integers: bigint;
  doubles: number;
  sawDouble: boolean;
  count: number;
}

// Integers are summed exactly, so only the final result decides whether it fits in an int64.
function sumField(docs: Document[], segments: string[]): NumericSum {
  const sum: NumericSum = { integers: 0n, doubles: 0, sawDouble: false, count: 0 };
  for (const doc of docs) {
    const v = getField(doc.fields, segments) as Value;
    if (isInteger(v)) sum.integers += integerOf(v);
    else if (isDouble(v)) {
      sum.doubles += doubleOf(v);
      sum.sawDouble = true;
    } else continue;
    sum.count++;
  }
  return sum;
}

const asDouble = (s: NumericSum) => Number(s.integers) + s.doubles;

function aggregate(docs: Document[], a: Aggregation): Value {
  if (a.count) {
    const upTo = upToOf(a.count.upTo);
    const n = BigInt(docs.length);
    return integerValue(upTo !== undefined && upTo < n ? upTo : n);
  }
  if (a.sum) {
    const s = sumField(docs, segmentsOf(a.sum.field));
    return s.sawDouble || outsideInt64(s.integers) ? doubleValue(asDouble(s)) : integerValue(s.integers);
  }
  const s = sumField(docs, segmentsOf(a.avg?.field));
  return s.count === 0 ? { nullValue: null } : doubleValue(asDouble(s) / s.count);
}

/**
 * Firestore's count, sum and avg over the documents a query answered, keyed by alias. As Firestore documents,
 * every aggregation reads only the documents holding all the fields summed or averaged (so a count beside a sum
 * skips documents without the summed field). A sum of integers stays an integer unless it leaves the int64
 * range; any double makes it a double; non-numeric values are ignored; NaN and infinities propagate. avg is
 * always a double, null when no document holds a number.
 */
export function runAggregations(docs: Document[], aggregations: Aggregation[]): Record<string, Value> {
  validateAggregations(aggregations);
  const fields = aggregatedFields(aggregations);
  const read = docs.filter((doc) => fields.every((segments) => getField(doc.fields, segments) !== undefined));
  const aliases = aggregationAliases(aggregations);
  const result: Record<string, Value> = {};
  aggregations.forEach((a, i) => {
    result[aliases[i]] = aggregate(read, a);
  });
  return result;
}
