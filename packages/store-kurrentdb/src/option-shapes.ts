import { optionKeys, type OptionsShape } from '@csp-onprem/engine';
import type { KurrentdbStoreOptions } from './kurrentdb-store.js';

/** The keys `kurrentdbStore` takes; the compiler keeps the list equal to {@link KurrentdbStoreOptions}. */
export const KURRENTDB_STORE_OPTIONS: OptionsShape = {
  name: "kurrentdbStore's options",
  keys: optionKeys<KurrentdbStoreOptions>({ connectionString: true, streamPrefix: true, timeoutMs: true, dataKeyStreamPrefix: true }),
};
