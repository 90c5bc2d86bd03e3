export * from './given-when-then.js';
export * from './event-store-contract.js';
export * from './text-contract.js';
export * from './export-files.js';
