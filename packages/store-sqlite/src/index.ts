export { sqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export type { SynchronousLevel } from './open-database.js';
export { SCHEMA_VERSION } from './schema.js';
