import type { DataKeyLookup, WrappedDataKey } from '@csp-onprem/engine';

/** The stream that keeps one tenant's data keys, under a store's data-key prefix. */
export function dataKeyStreamOf(prefix: string, tenantId: string): string {
  return `${prefix}${tenantId}`;
}

/**
 * The default prefix of data-key streams. It must not overlap the purchase streams' prefix,
 * so that `readAll` never shows a data key's snapshot.
 */
export const DATA_KEY_STREAM_PREFIX = 'csp-datakeys-';

/** The event type of a tenant's data-key snapshot. */
export const DATA_KEY_STATE = 'DataKeyState';

/**
 * A tenant's data keys at one moment, as the one event its stream keeps (`$maxCount` 1, so
 * the server scavenges earlier snapshots and the bytes they held): the live key, wrapped, and
 * the ids of destroyed keys.
 */
export interface DataKeySnapshot {
  readonly live: WrappedDataKey | null;
  readonly destroyed: readonly { readonly keyId: string; readonly destroyedAt: string }[];
}

/** The snapshot of a tenant that never had a key. */
export const EMPTY_SNAPSHOT: DataKeySnapshot = { live: null, destroyed: [] };

/** The snapshot as the JSON data of its event (the wrapped key in base64). */
export function encodeSnapshot(snapshot: DataKeySnapshot): Record<string, unknown> {
  const { live } = snapshot;
  return {
    format: 1,
    live: live === null ? null : { keyId: live.keyId, tenantId: live.tenantId, kekId: live.kekId, wrapped: Buffer.from(live.wrapped).toString('base64'), createdAt: live.createdAt },
    destroyed: snapshot.destroyed.map(({ keyId, destroyedAt }) => ({ keyId, destroyedAt })),
  };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Reads a snapshot event's data back; throws one line naming what is wrong. */
export function decodeSnapshot(data: unknown): DataKeySnapshot {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (record['format'] !== 1) throw new Error('a data-key snapshot of an unknown format');
  const live = record['live'] as Record<string, unknown> | null | undefined;
  let key: WrappedDataKey | null = null;
  if (live !== null) {
    if (typeof live !== 'object' || live === undefined || ![live['keyId'], live['tenantId'], live['kekId'], live['wrapped'], live['createdAt']].every(isText)) {
      throw new Error('a data-key snapshot whose live key is not { keyId, tenantId, kekId, wrapped, createdAt }');
    }
    key = {
      keyId: live['keyId'] as string,
      tenantId: live['tenantId'] as string,
      kekId: live['kekId'] as string,
      wrapped: new Uint8Array(Buffer.from(live['wrapped'] as string, 'base64')),
      createdAt: live['createdAt'] as string,
    };
  }
  const destroyed = record['destroyed'];
  if (!Array.isArray(destroyed) || !destroyed.every((entry: unknown) => isText((entry as Record<string, unknown>)?.['keyId']) && isText((entry as Record<string, unknown>)?.['destroyedAt']))) {
    throw new Error('a data-key snapshot whose destroyed list is not [{ keyId, destroyedAt }]');
  }
  return { live: key, destroyed: (destroyed as { keyId: string; destroyedAt: string }[]).map(({ keyId, destroyedAt }) => ({ keyId, destroyedAt })) };
}

/** What a snapshot says of one key id. */
export function lookupIn(snapshot: DataKeySnapshot, keyId: string): DataKeyLookup {
  if (snapshot.live?.keyId === keyId) return { kind: 'live', key: snapshot.live };
  const gone = snapshot.destroyed.find((entry) => entry.keyId === keyId);
  return gone === undefined ? { kind: 'unknown' } : { kind: 'destroyed', destroyedAt: gone.destroyedAt };
}

/** The snapshot after the live key is destroyed. */
export function withLiveDestroyed(snapshot: DataKeySnapshot, destroyedAt: string): DataKeySnapshot {
  if (snapshot.live === null) return snapshot;
  return { live: null, destroyed: [...snapshot.destroyed, { keyId: snapshot.live.keyId, destroyedAt }] };
}

/** The tenant a data key id belongs to: the part before its `/`. */
export function tenantOfKeyId(keyId: string): string | undefined {
  const slash = keyId.indexOf('/');
  return slash > 0 ? keyId.slice(0, slash) : undefined;
}
