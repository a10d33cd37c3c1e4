export * from './transform.js';
export * from './write.js';
