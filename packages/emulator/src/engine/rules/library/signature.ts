import type { RulesValue } from '../value.js';
import { unsupported, wrongArgumentCount } from './errors.js';
import { typeOf, type ValueType } from './types.js';

/** A parameter's accepted type: a concrete type, `number` (int or float) or `any`. */
type ParamType = ValueType | 'number' | 'any';

/**
 * A method or namespace function: its overloads (parameter types) and its implementation, which runs only
 * once the arguments match one overload, so it may narrow `args` by position without checking again.
 */
export interface Callable<Self> {
  overloads: readonly (readonly ParamType[])[];
  run(self: Self, args: RulesValue[]): RulesValue;
}

export type MethodTable<Self> = Readonly<Record<string, Callable<Self>>>;

/** A callable with one overload. */
export function fn<Self>(params: readonly ParamType[], run: (self: Self, args: RulesValue[]) => RulesValue) {
  return { overloads: [params], run } satisfies Callable<Self>;
}

const accepts = (param: ParamType, v: RulesValue) =>
  param === 'any' ||
  (param === 'number' ? typeof v === 'bigint' || typeof v === 'number' : typeOf(v) === param);

/**
 * Checks the arguments against the overloads (messages name the call as `qualified`, e.g. `string.matches`
 * or `duration.value`) and runs the callable.
 */
export function invoke<Self>(
  qualified: string,
  callable: Callable<Self>,
  self: Self,
  args: RulesValue[],
): RulesValue {
  const sameArity = callable.overloads.filter((o) => o.length === args.length);
  const signature = (types: readonly string[]) => `${qualified}(${types.join(', ')})`;
  if (sameArity.length === 0) throw wrongArgumentCount(args.length, signature(callable.overloads[0]));
  if (!sameArity.some((o) => o.every((param, i) => accepts(param, args[i])))) {
    throw unsupported(signature(args.map(typeOf)), sameArity.map(signature));
  }
  return callable.run(self, args);
}
