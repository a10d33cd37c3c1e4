import { describe, expect, it } from 'vitest';
import { createMockUserToken } from './mock_token.js';

describe('createMockUserToken', () => {
  // Expected tokens were produced by @firebase/util's createMockUserToken with the same arguments.
  it('matches Firebase byte for byte', () => {
    expect(createMockUserToken({ sub: 'alice', email: 'a@b.c' }, 'p')).toBe(
      'eyJhbGciOiJub25lIiwidHlwZSI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3NlY3VyZXRva2VuLmdvb2dsZS5jb20vcCIsImF1ZCI6InAiLCJpYXQiOjAsImV4cCI6MzYwMCwiYXV0aF90aW1lIjowLCJzdWIiOiJhbGljZSIsInVzZXJfaWQiOiJhbGljZSIsImZpcmViYXNlIjp7InNpZ25faW5fcHJvdmlkZXIiOiJjdXN0b20iLCJpZGVudGl0aWVzIjp7fX0sImVtYWlsIjoiYUBiLmMifQ.',
    );
    expect(createMockUserToken({ user_id: 'bob', iat: 100 })).toBe(
      'eyJhbGciOiJub25lIiwidHlwZSI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3NlY3VyZXRva2VuLmdvb2dsZS5jb20vZGVtby1wcm9qZWN0IiwiYXVkIjoiZGVtby1wcm9qZWN0IiwiaWF0IjoxMDAsImV4cCI6MzcwMCwiYXV0aF90aW1lIjoxMDAsInN1YiI6ImJvYiIsInVzZXJfaWQiOiJib2IiLCJmaXJlYmFzZSI6eyJzaWduX2luX3Byb3ZpZGVyIjoiY3VzdG9tIiwiaWRlbnRpdGllcyI6e319fQ.',
    );
  });

  it('refuses uid', () => {
    expect(() => createMockUserToken({ uid: 'x', sub: 'y' })).toThrow(
      'The "uid" field is no longer supported by mockUserToken. Please use "sub" instead for Firebase Auth User ID.',
    );
  });
});
