import { storeKeyVault, type EventStore, type KeyVault } from '@csp-onprem/engine';

/**
 * The key vault an operator command uses: the store's own data keys, with no key-encryption
 * key, since the audit and forget commands unwrap nothing. It tells which keys were shredded
 * and shreds, but shows none. `undefined` for a store that keeps no data keys (`memory:`).
 */
export function storeVaultOf(store: EventStore): KeyVault | undefined {
  return store.dataKeys === undefined ? undefined : storeKeyVault(store.dataKeys, {});
}
