import { describe, expect, it } from 'vitest';
import { parseRules } from './parser.js';
import { readsRequestTime } from './time-dependence.js';

const reads = (condition: string, functions = '') =>
  readsRequestTime(
    parseRules(`rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    ${functions}
    match /c/{id} { allow read: if ${condition}; }
  }
}`),
  );

describe('readsRequestTime', () => {
  it('is false when rules read only the timeless parts of request', () => {
    expect(reads(`request.auth.uid == id && request.query.limit <= 10`)).toBe(false);
    expect(reads(`request.method == 'get' || request.path[0] == 'x' || request.resource.data.a == 1`)).toBe(
      false,
    );
    expect(reads(`get(/databases/$(database)/documents/rooms/$(request.auth.uid)).data.open`)).toBe(false);
    expect(reads(`resource.data.time == 1`)).toBe(false);
  });

  it('is true for request.time and for any use of request that could reach it', () => {
    expect(reads(`request.time < timestamp.date(2030, 1, 1)`)).toBe(true);
    expect(reads(`request['time'] != null`)).toBe(true);
    expect(reads(`request.keys().size() > 0`)).toBe(true);
    expect(reads(`f(request)`, 'function f(r) { return r.time != null; }')).toBe(true);
    expect(reads(`f()`, 'function f() { let r = request; return r.auth != null; }')).toBe(true);
  });
});
