import { RulesEvaluationError, type RulesValue } from '../value.js';
import { functionNotFound } from './errors.js';
import { conversions } from './namespaces/conversions.js';
import { hashing } from './namespaces/hashing.js';
import { math } from './namespaces/math.js';
import { duration, latlng, timestamp } from './namespaces/time.js';
import { invoke, type MethodTable } from './signature.js';

const NAMESPACE_TABLES: Readonly<Record<string, MethodTable<null>>> = {
  math,
  hashing,
  timestamp,
  duration,
  latlng,
};

/** The names before the dot in `math.abs(x)`: namespaces, not variables. */
export const NAMESPACES: ReadonlySet<string> = new Set(Object.keys(NAMESPACE_TABLES));

/**
 * A library function: `int`, `float`, `string`, `path`, `debug`, or a namespace function named with its
 * namespace (`math.abs`, `hashing.sha256`, `duration.value`…). `get`, `exists` and their `After` forms read
 * documents and belong to the evaluator.
 */
export function callGlobal(name: string, args: RulesValue[]): RulesValue {
  // debug(x) logs x (to the emulator log, upstream) and returns it; extra arguments are ignored there too.
  if (name === 'debug') {
    if (args.length === 0)
      throw new RulesEvaluationError('Service call error. Function: [debug], Argument: [].');
    return args[0];
  }
  const [table, member] = lookUp(name);
  if (table === undefined || !Object.hasOwn(table, member)) throw functionNotFound(name);
  return invoke(name, table[member], null, args);
}

/** The table holding `name` (the conversions, or its namespace's) and the name within it. */
function lookUp(name: string): [MethodTable<null> | undefined, string] {
  const dot = name.indexOf('.');
  if (dot < 0) return [conversions, name];
  const namespace = name.slice(0, dot);
  return [
    Object.hasOwn(NAMESPACE_TABLES, namespace) ? NAMESPACE_TABLES[namespace] : undefined,
    name.slice(dot + 1),
  ];
}
