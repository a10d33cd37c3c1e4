import { formatTimestamp, parseTimestamp } from '@kindling/core';

/** Microseconds since the Unix epoch: the precision Firestore stores times with. */
export type Micros = number;

export const microsToTimestamp = (micros: Micros): string => {
  const seconds = Math.floor(micros / 1_000_000);
  return formatTimestamp({ seconds, nanos: (micros - seconds * 1_000_000) * 1000 });
};

/** Parses an RFC 3339 timestamp (INVALID_ARGUMENT when malformed), dropping precision below a microsecond. */
export const timestampToMicros = (s: string): Micros => {
  const t = parseTimestamp(s);
  return t.seconds * 1_000_000 + Math.floor(t.nanos / 1000);
};

// Date.now() has millisecond resolution; the performance clock gives the microseconds commit times carry.
const preciseNow = () => performance.timeOrigin + performance.now();

/**
 * Hands out strictly increasing microsecond times: commit times never repeat, and a commit is always later than
 * any read time already handed out, so a read at a time stays repeatable.
 */
export class Clock {
  private last: Micros = 0;

  constructor(private readonly nowMillis: () => number = preciseNow) {}

  /** The wall clock in microseconds (not reserved). */
  now(): Micros {
    return Math.floor(this.nowMillis() * 1000);
  }

  /** A time later than every time handed out before. */
  tick(): Micros {
    this.last = Math.max(this.last + 1, this.now());
    return this.last;
  }

  /** Promises that later ticks come after `micros` (a read at that time has been served). */
  reserve(micros: Micros): void {
    this.last = Math.max(this.last, micros);
  }
}
