import { RulesEvaluationError } from '../value.js';

// Messages follow the official emulator's wording, so a denial reads the same on both.

/** `Unsupported operation error. Received: int < string. Expected: …` */
export function unsupported(received: string, expected: readonly string[]): RulesEvaluationError {
  return new RulesEvaluationError(
    `Unsupported operation error. Received: ${received}. Expected: ${expected.join(', ')}.`,
  );
}

export function propertyUndefined(name: string): RulesEvaluationError {
  return new RulesEvaluationError(`Property ${name} is undefined on object.`);
}

export function nullValue(): RulesEvaluationError {
  return new RulesEvaluationError('Null value error.');
}

export function typeError(received: string, expected: readonly string[]): RulesEvaluationError {
  return new RulesEvaluationError(`Type error. Received: [${received}] Expected: [${expected.join(',')}].`);
}

export function indexOutOfBounds(index: bigint | number, size: number): RulesEvaluationError {
  return new RulesEvaluationError(`Index out of bound error. Index: [${index}] , size: [${size}].`);
}

export function illegalRange(from: bigint | number, to: bigint | number): RulesEvaluationError {
  return new RulesEvaluationError(`Illegal range error. From index: [${from}] , To index: [${to}].`);
}

export function functionNotFound(name: string): RulesEvaluationError {
  return new RulesEvaluationError(`Function not found error: Name: [${name}].`);
}

export function wrongArgumentCount(received: number, expected: string): RulesEvaluationError {
  return new RulesEvaluationError(
    `Incorrect number of arguments. Received: ${received}. Expected: ${expected}.`,
  );
}

export function conversionError(argument: string, from: string, to: string): RulesEvaluationError {
  return new RulesEvaluationError(
    `Type conversion error. Argument: [${argument}], From type: [${from}], To type: [${to}].`,
  );
}

export function divideByZero(): RulesEvaluationError {
  return new RulesEvaluationError('Divide by zero error.');
}

export function intOutOfRange(): RulesEvaluationError {
  return new RulesEvaluationError(
    'Integer value is out of the [-9223372036854775808, 9223372036854775807] range.',
  );
}
