export * from './engine/index.js';
export * from './node/index.js';
