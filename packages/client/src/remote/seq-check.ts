/**
 * Checks that server frames arrive numbered 1, 2, 3 … on one socket. A gap or a frame out of order means the
 * stream can no longer be trusted (a change may be lost or duplicated), so the caller drops the socket and
 * resumes from the last consistent point.
 */
export class SeqCheck {
  #last = 0;

  /** True when `seq` is the next number; false on a gap, a repeat or a missing number. */
  accept(seq: unknown): boolean {
    if (seq !== this.#last + 1) return false;
    this.#last = seq;
    return true;
  }
}
