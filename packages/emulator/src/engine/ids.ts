const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of `length` characters from [A-Za-z0-9], like Firestore's auto ids (20 characters). */
export function autoId(length = 20): string {
  // 62 * 4 = 248: bytes at or above it are dropped so every character is equally likely.
  let id = '';
  while (id.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < 248 && id.length < length) id += ALPHABET[b % 62];
    }
  }
  return id;
}
