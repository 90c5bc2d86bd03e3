import { randomBytes } from 'node:crypto';

/**
 * Keeps one 256-bit data key per customer tenant, used to seal that tenant's product keys.
 * Methods reject only when the vault itself is broken.
 */
export interface KeyVault {
  /** The tenant's data key, made on first use. */
  dataKeyFor(tenantId: string): Promise<Uint8Array>;
  /** The tenant's data key, or `undefined` if it was never made or has been destroyed. */
  existingDataKey(tenantId: string): Promise<Uint8Array | undefined>;
  /** Destroys the tenant's data key for good (crypto-shredding). */
  destroyDataKey(tenantId: string): Promise<void>;
}

/**
 * A vault that keeps data keys in this process only: keys sealed under it cannot be shown
 * after a restart. For tests and demos; production platforms plug in their KMS.
 */
export function inProcessVault(): KeyVault {
  const keys = new Map<string, Uint8Array>();
  return {
    async dataKeyFor(tenantId) {
      let key = keys.get(tenantId);
      if (key === undefined) {
        key = randomBytes(32);
        keys.set(tenantId, key);
      }
      return key;
    },
    async existingDataKey(tenantId) {
      return keys.get(tenantId);
    },
    async destroyDataKey(tenantId) {
      keys.get(tenantId)?.fill(0);
      keys.delete(tenantId);
    },
  };
}
