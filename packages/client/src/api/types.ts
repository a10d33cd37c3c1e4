// biome-ignore-all lint/complexity/noBannedTypes: `T extends {}` is how Firebase's own types are written
/** Public helper types with the same names and shapes as firebase/firestore's. */
import type { FieldPath } from './field_path.js';
import type { FieldValue } from './field_value.js';

export interface DocumentData {
  [field: string]: any;
}

export type Primitive = string | number | boolean | undefined | null;

export type WithFieldValue<T> =
  | T
  | (T extends Primitive ? T : T extends {} ? { [K in keyof T]: WithFieldValue<T[K]> | FieldValue } : never);

export type PartialWithFieldValue<T> =
  | Partial<T>
  | (T extends Primitive
      ? T
      : T extends {}
        ? { [K in keyof T]?: PartialWithFieldValue<T[K]> | FieldValue }
        : never);

export type AddPrefixToKeys<Prefix extends string, T extends Record<string, unknown>> = {
  [K in keyof T & string as `${Prefix}.${K}`]+?: string extends K ? any : T[K];
};

export type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void
  ? I
  : never;

export type ChildUpdateFields<K extends string, V> =
  V extends Record<string, unknown> ? AddPrefixToKeys<K, UpdateData<V>> : never;

export type NestedUpdateFields<T extends Record<string, unknown>> = UnionToIntersection<
  { [K in keyof T & string]: ChildUpdateFields<K, T[K]> }[keyof T & string]
>;

export type UpdateData<T> = T extends Primitive
  ? T
  : T extends {}
    ? { [K in keyof T]?: UpdateData<T[K]> | FieldValue } & NestedUpdateFields<T>
    : Partial<T>;

export type SetOptions = { readonly merge?: boolean } | { readonly mergeFields?: Array<string | FieldPath> };

export interface SnapshotOptions {
  readonly serverTimestamps?: 'estimate' | 'previous' | 'none';
}

export interface SnapshotMetadata {
  readonly hasPendingWrites: boolean;
  readonly fromCache: boolean;
  isEqual(other: SnapshotMetadata): boolean;
}

/** Converts between app model objects and Firestore data, as Firebase's FirestoreDataConverter. */
export interface FirestoreDataConverter<AppModelType, DbModelType extends DocumentData = DocumentData> {
  toFirestore(modelObject: WithFieldValue<AppModelType>): WithFieldValue<DbModelType>;
  toFirestore(
    modelObject: PartialWithFieldValue<AppModelType>,
    options: SetOptions,
  ): PartialWithFieldValue<DbModelType>;
  fromFirestore(snapshot: any, options?: SnapshotOptions): AppModelType;
}
