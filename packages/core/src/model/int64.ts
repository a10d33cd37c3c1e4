export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** True when an int64 computation overflowed; Firestore's int arithmetic never wraps. */
export const outsideInt64 = (n: bigint): boolean => n < INT64_MIN || n > INT64_MAX;
