/**
 * Sentinel values for writes. Each carries the name of the function that made it, which appears in error
 * messages; user_data_reader turns them into field transforms or mask entries.
 */
export abstract class FieldValue {
  /** @internal */
  constructor(readonly _methodName: string) {}
  abstract isEqual(other: FieldValue): boolean;
}

export class DeleteFieldValue extends FieldValue {
  isEqual(other: FieldValue): boolean {
    return other instanceof DeleteFieldValue;
  }
}

export class ServerTimestampFieldValue extends FieldValue {
  isEqual(other: FieldValue): boolean {
    return other instanceof ServerTimestampFieldValue;
  }
}

export class ArrayUnionFieldValue extends FieldValue {
  constructor(
    methodName: string,
    readonly _elements: unknown[],
  ) {
    super(methodName);
  }
  isEqual(other: FieldValue): boolean {
    return other instanceof ArrayUnionFieldValue && sameElements(this._elements, other._elements);
  }
}

export class ArrayRemoveFieldValue extends FieldValue {
  constructor(
    methodName: string,
    readonly _elements: unknown[],
  ) {
    super(methodName);
  }
  isEqual(other: FieldValue): boolean {
    return other instanceof ArrayRemoveFieldValue && sameElements(this._elements, other._elements);
  }
}

export class NumericIncrementFieldValue extends FieldValue {
  constructor(
    methodName: string,
    readonly _operand: number,
  ) {
    super(methodName);
  }
  isEqual(other: FieldValue): boolean {
    return (
      other instanceof NumericIncrementFieldValue &&
      (this._operand === other._operand || (Number.isNaN(this._operand) && Number.isNaN(other._operand)))
    );
  }
}

function sameElements(a: unknown[], b: unknown[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function deleteField(): FieldValue {
  return new DeleteFieldValue('deleteField');
}

export function serverTimestamp(): FieldValue {
  return new ServerTimestampFieldValue('serverTimestamp');
}

export function arrayUnion(...elements: unknown[]): FieldValue {
  return new ArrayUnionFieldValue('arrayUnion', elements);
}

export function arrayRemove(...elements: unknown[]): FieldValue {
  return new ArrayRemoveFieldValue('arrayRemove', elements);
}

export function increment(n: number): FieldValue {
  return new NumericIncrementFieldValue('increment', n);
}
