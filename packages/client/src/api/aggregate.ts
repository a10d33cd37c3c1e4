import type { Aggregation } from '@kindling/core';
import { type FieldPath, fieldPathFromArgument } from './field_path.js';
import { cast } from './input_validation.js';
import { toStructuredQuery } from './query_state.js';
import { Query } from './reference.js';
import type { DocumentData } from './types.js';
import { convertValue } from './user_data_writer.js';

export type AggregateType = 'count' | 'avg' | 'sum';

/** One aggregation to compute over a query's results. */
export class AggregateField<T> {
  readonly type = 'AggregateField';
  /** @internal phantom member so `T` shapes AggregateSpecData. */
  declare readonly _t?: T;

  /** @internal */
  constructor(
    readonly aggregateType: AggregateType = 'count',
    readonly _internalFieldPath?: FieldPath,
  ) {}
}

export interface AggregateSpec {
  [field: string]: AggregateFieldType;
}

export type AggregateFieldType = AggregateField<number> | AggregateField<number | null>;

export type AggregateSpecData<T extends AggregateSpec> = {
  [P in keyof T]: T[P] extends AggregateField<infer U> ? U : never;
};

export class AggregateQuerySnapshot<
  AggregateSpecType extends AggregateSpec,
  AppModelType = DocumentData,
  DbModelType extends DocumentData = DocumentData,
> {
  readonly type = 'AggregateQuerySnapshot';

  /** @internal */
  constructor(
    readonly query: Query<AppModelType, DbModelType>,
    private readonly _data: AggregateSpecData<AggregateSpecType>,
  ) {}

  data(): AggregateSpecData<AggregateSpecType> {
    return { ...this._data };
  }
}

export function count(): AggregateField<number> {
  return new AggregateField('count');
}

export function sum(field: string | FieldPath): AggregateField<number> {
  return new AggregateField('sum', fieldPathFromArgument('sum', field));
}

export function average(field: string | FieldPath): AggregateField<number | null> {
  return new AggregateField('avg', fieldPathFromArgument('average', field));
}

export function aggregateFieldEqual(left: AggregateField<unknown>, right: AggregateField<unknown>): boolean {
  return (
    left instanceof AggregateField &&
    right instanceof AggregateField &&
    left.aggregateType === right.aggregateType &&
    left._internalFieldPath?._canonical() === right._internalFieldPath?._canonical()
  );
}

export function aggregateQuerySnapshotEqual<T extends AggregateSpec, A, D extends DocumentData>(
  left: AggregateQuerySnapshot<T, A, D>,
  right: AggregateQuerySnapshot<T, A, D>,
): boolean {
  return left.query === right.query && JSON.stringify(left.data()) === JSON.stringify(right.data());
}

export function getAggregateFromServer<T extends AggregateSpec, A, D extends DocumentData>(
  query: Query<A, D>,
  aggregateSpec: T,
): Promise<AggregateQuerySnapshot<T, A, D>> {
  const q = cast(query, Query) as Query<A, D>;
  const datastore = q.firestore._datastore();
  const { parent, structuredQuery } = toStructuredQuery(q._query, q.firestore._databaseName, 'explicit');
  // Server-side aliases are short and unique; user aliases may be anything (Firebase does the same).
  const aliases = Object.keys(aggregateSpec);
  const aggregations: Aggregation[] = aliases.map((alias, i) => {
    const field = aggregateSpec[alias];
    const serverAlias = `aggregate_${i}`;
    if (field.aggregateType === 'count') return { alias: serverAlias, count: {} };
    const ref = { fieldPath: field._internalFieldPath!._canonical() };
    return field.aggregateType === 'sum'
      ? { alias: serverAlias, sum: { field: ref } }
      : { alias: serverAlias, avg: { field: ref } };
  });
  return datastore.runAggregationQuery(parent, structuredQuery, aggregations).then((answers) => {
    const fields = answers.find((a) => a.result)?.result?.aggregateFields ?? {};
    const data: Record<string, unknown> = {};
    aliases.forEach((alias, i) => {
      const value = fields[`aggregate_${i}`];
      data[alias] = value === undefined ? null : convertValue(q.firestore, value);
    });
    return new AggregateQuerySnapshot(q, data as AggregateSpecData<T>);
  });
}

export function getCountFromServer<A, D extends DocumentData>(
  query: Query<A, D>,
): Promise<AggregateQuerySnapshot<{ count: AggregateField<number> }, A, D>> {
  return getAggregateFromServer(query, { count: count() });
}
