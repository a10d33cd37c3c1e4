import { FirestoreError } from './error.js';

/** Splits slash-separated path strings into segments, ignoring leading and trailing slashes as Firebase does. */
export function parsePath(...components: string[]): string[] {
  const segments: string[] = [];
  for (const component of components) {
    if (component.indexOf('//') >= 0) {
      throw new FirestoreError(
        'invalid-argument',
        `Invalid segment (${component}). Paths must not contain // in them.`,
      );
    }
    segments.push(...component.split('/').filter((s) => s.length > 0));
  }
  return segments;
}

export function validateDocumentPath(path: string[]): void {
  if (path.length % 2 !== 0) {
    throw new FirestoreError(
      'invalid-argument',
      `Invalid document reference. Document references must have an even number of segments, but ${path.join('/')} has ${path.length}.`,
    );
  }
}

export function validateCollectionPath(path: string[]): void {
  if (path.length % 2 === 0) {
    throw new FirestoreError(
      'invalid-argument',
      `Invalid collection reference. Collection references must have an odd number of segments, but ${path.join('/')} has ${path.length}.`,
    );
  }
}

const AUTO_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 20-character random id from [A-Za-z0-9], drawn without modulo bias. */
export function autoId(): string {
  const maxMultiple = Math.floor(256 / AUTO_ID_CHARS.length) * AUTO_ID_CHARS.length;
  let id = '';
  while (id.length < 20) {
    const bytes = crypto.getRandomValues(new Uint8Array(40));
    for (const byte of bytes) {
      if (id.length < 20 && byte < maxMultiple) id += AUTO_ID_CHARS.charAt(byte % AUTO_ID_CHARS.length);
    }
  }
  return id;
}
