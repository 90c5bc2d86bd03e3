import * as E from 'fp-ts/lib/Either.js';
import type { DataKeyLookup, DataKeyStore, WrappedDataKey } from './data-key-store.js';

function copy(key: WrappedDataKey): WrappedDataKey {
  return { ...key, wrapped: Uint8Array.from(key.wrapped) };
}

/**
 * A {@link DataKeyStore} in this process's memory, for tests of key custody and of the
 * contract every store's data keys pass. Like any wrapped key, what it holds is useless
 * without the key-encryption key, but it is gone at the end of the process.
 */
export function inMemoryDataKeyStore(): DataKeyStore {
  const live = new Map<string, WrappedDataKey>();
  const current = new Map<string, string>();
  const destroyed = new Map<string, string>();
  return {
    async forTenant(tenantId) {
      const keyId = current.get(tenantId);
      const key = keyId === undefined ? undefined : live.get(keyId);
      return E.right(key === undefined ? undefined : copy(key));
    },
    async byId(keyId): Promise<E.Either<never, DataKeyLookup>> {
      const key = live.get(keyId);
      if (key !== undefined) return E.right({ kind: 'live', key: copy(key) });
      const destroyedAt = destroyed.get(keyId);
      return E.right(destroyedAt === undefined ? { kind: 'unknown' } : { kind: 'destroyed', destroyedAt });
    },
    async create(key) {
      const existing = current.get(key.tenantId);
      const held = existing === undefined ? undefined : live.get(existing);
      if (held !== undefined) return E.right(copy(held));
      live.set(key.keyId, copy(key));
      current.set(key.tenantId, key.keyId);
      return E.right(copy(key));
    },
    async rewrap(keyId, fromKekId, to) {
      const key = live.get(keyId);
      if (key === undefined || key.kekId !== fromKekId) return E.right(false);
      live.set(keyId, { ...key, kekId: to.kekId, wrapped: Uint8Array.from(to.wrapped) });
      return E.right(true);
    },
    async list(afterKeyId, limit) {
      const ids = [...live.keys()].filter((id) => afterKeyId === undefined || id > afterKeyId).sort();
      return E.right(ids.slice(0, Math.max(0, limit)).map((id) => copy(live.get(id) as WrappedDataKey)));
    },
    async destroyTenant(tenantId, destroyedAt) {
      const ids: string[] = [];
      for (const [keyId, key] of live) {
        if (key.tenantId !== tenantId) continue;
        key.wrapped.fill(0);
        live.delete(keyId);
        destroyed.set(keyId, destroyedAt);
        ids.push(keyId);
      }
      current.delete(tenantId);
      return E.right(ids);
    },
  };
}
