export * from './protocol/frames.js';
export type * from './protocol/v1.js';
export * from './status.js';
