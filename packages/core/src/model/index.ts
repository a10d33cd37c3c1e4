export * from './base64.js';
export * from './catch-status.js';
export * from './document.js';
export * from './field-path.js';
export * from './resource-name.js';
export * from './timestamp.js';
export * from './utf8.js';
export * from './value.js';
