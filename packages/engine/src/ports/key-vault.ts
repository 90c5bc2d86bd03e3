import { randomBytes, randomUUID } from 'node:crypto';

/** A 256-bit data key and the id sealed keys record to find it again. */
export interface DataKey {
  readonly keyId: string;
  readonly key: Uint8Array;
}

/**
 * Keeps the data keys that seal customer tenants' product keys (one current key per tenant).
 * Methods reject only when the vault itself is broken.
 */
export interface KeyVault {
  /** The tenant's current data key, made on first use (and made anew after it was destroyed). */
  dataKeyFor(tenantId: string): Promise<DataKey>;
  /** A data key by its id, or `undefined` if it never existed here or has been destroyed. */
  existingDataKey(keyId: string): Promise<Uint8Array | undefined>;
  /** Destroys every data key of the tenant for good (crypto-shredding). */
  destroyDataKey(tenantId: string): Promise<void>;
  /**
   * Whether this vault destroyed the data key (optional). Without it, a key the vault does not
   * hold counts as shredded, which a vault that never held it (a fresh process) cannot tell apart.
   */
  isDestroyed?(keyId: string): Promise<boolean>;
}

/**
 * A vault that keeps data keys in this process only: keys sealed under it cannot be shown
 * after a restart. For tests and demos; production platforms plug in their KMS.
 */
export function inProcessVault(): KeyVault {
  const keys = new Map<string, Uint8Array>();
  const current = new Map<string, string>();
  const owners = new Map<string, string>();
  const destroyed = new Set<string>();
  return {
    async dataKeyFor(tenantId) {
      let keyId = current.get(tenantId);
      if (keyId === undefined) {
        keyId = `${tenantId}/${randomUUID()}`;
        keys.set(keyId, randomBytes(32));
        current.set(tenantId, keyId);
        owners.set(keyId, tenantId);
      }
      const key = keys.get(keyId);
      if (key === undefined) throw new Error(`data key ${keyId} vanished`);
      return { keyId, key };
    },
    async existingDataKey(keyId) {
      return keys.get(keyId);
    },
    async destroyDataKey(tenantId) {
      for (const [keyId, owner] of owners) {
        if (owner !== tenantId) continue;
        keys.get(keyId)?.fill(0);
        keys.delete(keyId);
        owners.delete(keyId);
        destroyed.add(keyId);
      }
      current.delete(tenantId);
    },
    async isDestroyed(keyId) {
      return destroyed.has(keyId);
    },
  };
}
