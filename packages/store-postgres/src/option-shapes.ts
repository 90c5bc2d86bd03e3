import { checkOptions, optionKeys, type OptionsShape } from '@csp-onprem/engine';
import type { PostgresStoreOptions } from './postgres-store.js';

/** The keys of `postgresStore`'s first argument, where it connects. */
export const POSTGRES_CONNECTION: OptionsShape = {
  name: "postgresStore's connection (first argument)",
  keys: ['connectionString', 'pool'],
};

/** The keys of `postgresStore`'s second argument; the compiler keeps the list equal to {@link PostgresStoreOptions}. */
export const POSTGRES_STORE_OPTIONS: OptionsShape = {
  name: "postgresStore's options (second argument)",
  keys: optionKeys<PostgresStoreOptions>({ schema: true, migrateOnFirstUse: true, statementTimeoutMs: true, poolSize: true, connectionTimeoutMs: true, heldBackWaitMs: true }),
};

/**
 * Refuses arguments `postgresStore` would misread: a key either argument does not take
 * (naming the other argument when it is one of its keys, such as a `schema` given with the
 * connection string, which would otherwise put the store in the default schema), and a
 * connection with neither or both of `connectionString` and `pool`. Throws a `RangeError`.
 */
export function checkPostgresArguments(connection: unknown, options: unknown): void {
  if (typeof connection !== 'object' || connection === null) throw new RangeError("postgresStore's connection (first argument) must be { connectionString } or { pool }");
  checkOptions(connection, POSTGRES_CONNECTION, [POSTGRES_STORE_OPTIONS]);
  checkOptions(options, POSTGRES_STORE_OPTIONS, [POSTGRES_CONNECTION]);
  const given = POSTGRES_CONNECTION.keys.filter((key) => (connection as Record<string, unknown>)[key] !== undefined);
  if (given.length !== 1) throw new RangeError(`postgresStore's connection (first argument) takes either connectionString or pool, ${given.length === 0 ? 'and has neither' : 'not both'}`);
}
