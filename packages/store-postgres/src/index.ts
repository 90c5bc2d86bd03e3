export { postgresStore, type PostgresConnection, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { SCHEMA_VERSION, DEFAULT_SCHEMA } from './schema.js';
export { POSTGRES_CONNECTION, POSTGRES_STORE_OPTIONS } from './option-shapes.js';
