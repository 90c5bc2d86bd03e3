import { hkdfSync } from 'node:crypto';
import type { DataKey, KeyVault } from '@csp-onprem/engine';

const SALT = 'csp-onprem test vault v1';
const KEY_ID = /^(.+)\/hkdf-v1\/(\d+)$/;

/**
 * A test-only vault whose data keys are derived (HKDF-SHA-256) from a fixed secret and the
 * key id, so that every process given the same secret opens keys another process sealed.
 * Destroying a tenant's key moves that tenant to a new key generation in this process only.
 */
export function deterministicVault(secret: string): KeyVault {
  const generations = new Map<string, number>();
  const derive = (keyId: string): Uint8Array => new Uint8Array(hkdfSync('sha256', secret, SALT, keyId, 32));
  return {
    async dataKeyFor(tenantId: string): Promise<DataKey> {
      const tenant = tenantId.toLowerCase();
      const keyId = `${tenant}/hkdf-v1/${generations.get(tenant) ?? 0}`;
      return { keyId, key: derive(keyId) };
    },
    async existingDataKey(keyId: string): Promise<Uint8Array | undefined> {
      const match = KEY_ID.exec(keyId);
      if (match === null) return undefined;
      const [, tenant = '', generation = '0'] = match;
      return Number(generation) < (generations.get(tenant) ?? 0) ? undefined : derive(keyId);
    },
    async destroyDataKey(tenantId: string): Promise<void> {
      const tenant = tenantId.toLowerCase();
      generations.set(tenant, (generations.get(tenant) ?? 0) + 1);
    },
  };
}

/** The secret every process of a test run derives its data keys from. */
export const TEST_VAULT_SECRET = 'csp-onprem concurrency and crash tests: not a real secret';
