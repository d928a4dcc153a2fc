/**
 * Import from the CBE/KBO open-data extract: a streaming CSV reader, the park scan, and the preview diff.
 * Pure TypeScript over Web Streams: runs in a browser Web Worker and in Node alike (no Node-only API).
 */
export * from './csv';
export * from './numbers';
export * from './extract';
export * from './diff';
export * from './zip';
