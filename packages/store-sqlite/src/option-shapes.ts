import { optionKeys, type OptionsShape } from '@csp-onprem/engine';
import type { SqliteStoreOptions } from './sqlite-store.js';

/** The keys `sqliteStore` takes; the compiler keeps the list equal to {@link SqliteStoreOptions}. */
export const SQLITE_STORE_OPTIONS: OptionsShape = {
  name: "sqliteStore's options",
  keys: optionKeys<SqliteStoreOptions>({ path: true, busyTimeoutMs: true, synchronous: true, createIfMissing: true, readOnly: true }),
};
