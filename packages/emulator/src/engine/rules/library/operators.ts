import type { BinaryOperator, UnaryOperator } from '../ast.js';
import type { RulesValue } from '../value.js';
import { checkedInt } from './construct.js';
import { compare, equals, looseEquals, sameTypeEquals } from './equality.js';
import { divideByZero, functionNotFound, nullValue, typeError, unsupported } from './errors.js';
import { durationOf, timestampOf } from './time.js';
import { typeOf } from './types.js';

type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

const EXPECTED: Record<ArithmeticOperator, string[]> = {
  '+': [
    'int + int',
    'float + float',
    'string + string',
    'duration + duration',
    'duration + timestamp',
    'timestamp + duration',
  ],
  '-': ['int - int', 'float - float', 'duration - duration', 'timestamp - duration', 'timestamp - timestamp'],
  '*': ['int * int', 'float * float'],
  '/': ['int / int', 'float / float'],
  '%': ['int % int', 'float % float'],
};

/**
 * A binary operator applied to two evaluated operands. `&&` and `||` here only accept booleans: their
 * short-circuits (which also swallow an error on the side not needed) are the evaluator's.
 */
export function binary(operator: BinaryOperator, a: RulesValue, b: RulesValue): RulesValue {
  switch (operator) {
    case '==':
      return equals(a, b);
    case '!=':
      return !equals(a, b);
    case '<':
      return compare(a, b, operator) < 0;
    case '<=':
      return compare(a, b, operator) <= 0;
    case '>':
      return compare(a, b, operator) > 0;
    case '>=':
      return compare(a, b, operator) >= 0;
    case '&&':
      return truthy(a) && truthy(b);
    case '||':
      return truthy(a) || truthy(b);
    case 'in':
      return contains(b, a);
    default:
      return arithmetic(operator, a, b);
  }
}

function arithmetic(operator: ArithmeticOperator, a: RulesValue, b: RulesValue): RulesValue {
  if (typeof a === 'bigint' && typeof b === 'bigint') return intArithmetic(operator, a, b);
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return floatArithmetic(operator, Number(a), Number(b));
  }
  const result = otherArithmetic(operator, a, b);
  if (result === undefined) {
    throw unsupported(`${typeOf(a)} ${operator} ${typeOf(b)}`, EXPECTED[operator]);
  }
  return result;
}

function intArithmetic(operator: ArithmeticOperator, a: bigint, b: bigint): bigint {
  switch (operator) {
    case '+':
      return checkedInt(a + b);
    case '-':
      return checkedInt(a - b);
    case '*':
      return checkedInt(a * b);
    case '/':
      if (b === 0n) throw divideByZero();
      // Truncating, and INT64_MIN / -1 wraps to INT64_MIN, as Java's long division (and Firestore) does.
      return BigInt.asIntN(64, a / b);
    case '%':
      if (b === 0n) throw divideByZero();
      return a % b;
  }
}

function floatArithmetic(operator: ArithmeticOperator, a: number, b: number): number {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
  }
}

/** String concatenation and time arithmetic; undefined when the operand types do not combine. */
function otherArithmetic(operator: string, a: RulesValue, b: RulesValue): RulesValue | undefined {
  if (operator === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return undefined;
  if (operator === '+') {
    if (a.type === 'duration' && b.type === 'duration') return durationOf(a.nanos + b.nanos);
    if (a.type === 'duration' && b.type === 'timestamp') return timestampOf(a.nanos + b.nanos);
    if (a.type === 'timestamp' && b.type === 'duration') return timestampOf(a.nanos + b.nanos);
  }
  if (operator === '-') {
    if (a.type === 'duration' && b.type === 'duration') return durationOf(a.nanos - b.nanos);
    if (a.type === 'timestamp' && b.type === 'duration') return timestampOf(a.nanos - b.nanos);
    if (a.type === 'timestamp' && b.type === 'timestamp') return durationOf(a.nanos - b.nanos);
  }
  return undefined;
}

/** `item in container`: list items (same type), set members (loosely equal), map keys (strings). */
function contains(container: RulesValue, item: RulesValue): boolean {
  if (container === null) throw nullValue();
  if (typeof container === 'object') {
    switch (container.type) {
      case 'list':
        return container.items.some((x) => sameTypeEquals(x, item));
      case 'set':
        return container.items.some((x) => looseEquals(x, item));
      case 'map':
        if (typeof item !== 'string') throw unsupported(`map.in(${typeOf(item)})`, ['map.in(string)']);
        return container.entries.has(item);
    }
  }
  throw functionNotFound('in');
}

export function unary(operator: UnaryOperator, v: RulesValue): RulesValue {
  if (operator === '!') {
    if (typeof v !== 'boolean') throw unsupported(`!${typeOf(v)}`, ['!bool']);
    return !v;
  }
  if (typeof v === 'bigint') return checkedInt(-v);
  if (typeof v === 'number') return -v;
  if (v !== null && typeof v === 'object' && v.type === 'duration') return durationOf(-v.nanos);
  throw unsupported(`-${typeOf(v)}`, ['-int', '-float', '-duration']);
}

/** A condition's value: only booleans count; anything else is an evaluation error (so the rule denies). */
export function truthy(v: RulesValue): boolean {
  if (typeof v !== 'boolean') throw typeError(typeOf(v), ['bool']);
  return v;
}
