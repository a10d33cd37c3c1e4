import { StatusError } from '../status.js';

/** The code and message of the StatusError `fn` throws, or undefined; lets tests assert both exactly. */
export function catchStatus(fn: () => unknown): { code: number; message: string } | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return { code: e.code, message: e.message };
    throw e;
  }
  return undefined;
}
