import { FirestoreError } from './error.js';

export function isPlainObject(input: unknown): input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return false;
  const proto = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}

/** How Firebase names a value in error messages ("a custom Foo object", "an array", '"abc"'). */
export function valueDescription(input: unknown): string {
  if (input === undefined) return 'undefined';
  if (input === null) return 'null';
  if (typeof input === 'string') {
    return JSON.stringify(input.length > 20 ? `${input.substring(0, 20)}...` : input);
  }
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (typeof input === 'function') return 'a function';
  if (typeof input === 'object') {
    if (Array.isArray(input)) return 'an array';
    const name = (input as object).constructor?.name;
    return name ? `a custom ${name} object` : 'an object';
  }
  return typeof input;
}

export function validateNonEmptyArgument(
  functionName: string,
  argumentName: string,
  argument: unknown,
): void {
  if (!argument) {
    throw new FirestoreError(
      'invalid-argument',
      `Function ${functionName}() cannot be called with an empty ${argumentName}.`,
    );
  }
}

export function validatePositiveNumber(functionName: string, n: number): void {
  if (n <= 0) {
    throw new FirestoreError(
      'invalid-argument',
      `Function ${functionName}() requires a positive number, but it was: ${n}.`,
    );
  }
}

/** Checks an argument is an instance of the class a function expects, with Firebase's message. */
export function cast<T>(obj: unknown, ctor: abstract new (...args: any[]) => T): T {
  if (!(obj instanceof ctor)) {
    if (obj !== null && typeof obj === 'object' && (obj as object).constructor?.name === ctor.name) {
      throw new FirestoreError(
        'invalid-argument',
        'Type does not match the expected instance. Did you pass a reference from a different Firestore SDK?',
      );
    }
    throw new FirestoreError(
      'invalid-argument',
      `Expected type '${ctor.name}', but it was: ${valueDescription(obj)}`,
    );
  }
  return obj;
}
