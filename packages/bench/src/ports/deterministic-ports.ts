import { createHash } from 'node:crypto';
import type { KeyProvider, KeyVault } from '@csp-onprem/engine';

const KEY_ALPHABET = 'BCDFGHJKMPQRTVWXY2346789';

/**
 * A key provider whose keys follow from the command id, so that every store and every run
 * issues the same keys and the read models (which show key fingerprints) compare equal.
 */
export function benchKeyProvider(): KeyProvider {
  return {
    async issueKey({ commandId }) {
      const digest = createHash('sha256').update(commandId).digest();
      let key = 'TEST';
      for (let i = 0; i < 25; i += 1) key += `${i % 5 === 0 ? '-' : ''}${KEY_ALPHABET[(digest[i] as number) % KEY_ALPHABET.length]}`;
      return key;
    },
  };
}

/** A vault with one data key per tenant derived from the seed: the same ids in every process. */
export function benchVault(seed: number): KeyVault {
  const keys = new Map<string, Uint8Array>();
  const keyFor = (tenantId: string): Uint8Array => {
    let key = keys.get(tenantId);
    if (key === undefined) {
      key = createHash('sha256').update(`csp-onprem bench ${seed} ${tenantId}`).digest();
      keys.set(tenantId, key);
    }
    return key;
  };
  return {
    async dataKeyFor(tenantId) {
      return { keyId: `${tenantId}/bench`, key: keyFor(tenantId) };
    },
    async existingDataKey(keyId) {
      const tenantId = keyId.endsWith('/bench') ? keyId.slice(0, -'/bench'.length) : undefined;
      return tenantId === undefined ? undefined : keyFor(tenantId);
    },
    async destroyDataKey(tenantId) {
      keys.delete(tenantId);
    },
  };
}
