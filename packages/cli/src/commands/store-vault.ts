import { storeKeyVault, type EventStore, type KeyEncryptionKey, type KeyVault } from '@csp-onprem/engine';

/**
 * The key vault an operator command uses: the store's own data keys, opened with `kek` when
 * given. Without a KEK it still tells which keys were shredded and shreds, but shows none.
 * `undefined` for a store that keeps no data keys (`memory:`).
 */
export function storeVaultOf(store: EventStore, kek?: KeyEncryptionKey): KeyVault | undefined {
  return store.dataKeys === undefined ? undefined : storeKeyVault(store.dataKeys, kek === undefined ? {} : { keyEncryptionKey: kek });
}
