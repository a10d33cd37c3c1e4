import { FirestoreError } from './error.js';

const MIN_SECONDS = -62135596800; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253402300800; // 10000-01-01T00:00:00Z, exclusive
const MS_TO_NANOS = 1e6;

/** A point in time with nanosecond precision, as Firebase's Timestamp. */
export class Timestamp {
  static now(): Timestamp {
    return Timestamp.fromMillis(Date.now());
  }

  static fromDate(date: Date): Timestamp {
    return Timestamp.fromMillis(date.getTime());
  }

  static fromMillis(milliseconds: number): Timestamp {
    const seconds = Math.floor(milliseconds / 1000);
    const nanos = Math.floor((milliseconds - seconds * 1000) * MS_TO_NANOS);
    return new Timestamp(seconds, nanos);
  }

  constructor(
    readonly seconds: number,
    readonly nanoseconds: number,
  ) {
    if (nanoseconds < 0 || nanoseconds >= 1e9) {
      throw new FirestoreError('invalid-argument', `Timestamp nanoseconds out of range: ${nanoseconds}`);
    }
    if (seconds < MIN_SECONDS || seconds >= MAX_SECONDS) {
      throw new FirestoreError('invalid-argument', `Timestamp seconds out of range: ${seconds}`);
    }
  }

  toDate(): Date {
    return new Date(this.toMillis());
  }

  toMillis(): number {
    return this.seconds * 1000 + this.nanoseconds / MS_TO_NANOS;
  }

  isEqual(other: Timestamp): boolean {
    return other.seconds === this.seconds && other.nanoseconds === this.nanoseconds;
  }

  toString(): string {
    return `Timestamp(seconds=${this.seconds}, nanoseconds=${this.nanoseconds})`;
  }

  toJSON(): { seconds: number; nanoseconds: number; type: string } {
    return { type: 'firestore/timestamp/1.0', seconds: this.seconds, nanoseconds: this.nanoseconds };
  }

  /** Sortable string so that `<` and `>` compare timestamps, as Firebase's valueOf() allows. */
  valueOf(): string {
    const seconds = String(this.seconds - MIN_SECONDS).padStart(12, '0');
    return `${seconds}.${String(this.nanoseconds).padStart(9, '0')}`;
  }
}
