export * from './model/index.js';
export * from './mutation/index.js';
export * from './protocol/frames.js';
export type * from './protocol/v1.js';
export * from './query/index.js';
export * from './status.js';
