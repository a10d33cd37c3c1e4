import type { RulesValue } from '../../value.js';
import { functionNotFound, nullValue } from '../errors.js';
import { type Callable, invoke, type MethodTable } from '../signature.js';
import { typeOf, type ValueType } from '../types.js';
import { bytesMethods } from './bytes.js';
import { latLngMethods } from './latlng.js';
import { listMethods } from './list.js';
import { mapDiffMethods, mapMethods } from './map.js';
import { pathMethods } from './path.js';
import { setMethods } from './set.js';
import { stringMethods } from './string.js';
import { durationMethods, timestampMethods } from './time.js';

// Each table's receiver type matches its key; the dispatcher looks the table up by the receiver's type.
const TABLES: Partial<Record<ValueType, MethodTable<any>>> = {
  string: stringMethods,
  list: listMethods,
  set: setMethods,
  map: mapMethods,
  map_diff: mapDiffMethods,
  path: pathMethods,
  timestamp: timestampMethods,
  duration: durationMethods,
  latlng: latLngMethods,
  bytes: bytesMethods,
};

/** `receiver.name(args)` for every method of the rules types. */
export function callMethod(receiver: RulesValue, name: string, args: RulesValue[]): RulesValue {
  if (receiver === null) throw nullValue();
  const type = typeOf(receiver);
  const method: Callable<RulesValue> | undefined = Object.hasOwn(TABLES[type] ?? {}, name)
    ? TABLES[type]?.[name]
    : undefined;
  if (method === undefined) throw functionNotFound(name);
  return invoke(`${type}.${name}`, method, receiver, args);
}
