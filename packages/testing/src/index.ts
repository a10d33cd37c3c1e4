export type { FaultMethod } from './faults.js';
export { createFirestoreMock, type FirestoreMock, type FirestoreMockOptions } from './firestore-mock.js';
export * from './rules-unit-testing.js';
export type { SeedData, SeedDocuments } from './seed.js';
