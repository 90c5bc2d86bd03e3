export { sqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export type { SynchronousLevel } from './synchronous-level.js';
export { SQLITE_STORE_OPTIONS } from './option-shapes.js';
export { SCHEMA_VERSION } from './schema-version.js';
