export * from './given-when-then.js';
export * from './event-store-contract.js';
export * from './execute-as-actor.js';
export * from './data-key-store-contract.js';
