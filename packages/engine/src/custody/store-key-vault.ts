import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Clock } from '../ports/clock.js';
import { systemClock } from '../ports/clock.js';
import type { DataKey, KeyVault } from '../ports/key-vault.js';
import type { StoreUnavailableError } from '../store/store-errors.js';
import { KeyCustodyUnconfiguredError, KeyEncryptionKeyMismatchError, WrappedKeyRejectedError } from './custody-errors.js';
import type { DataKeyStore, WrappedDataKey } from './data-key-store.js';
import type { KeyEncryptionKey } from './key-encryption-key.js';

const DATA_KEY_BYTES = 32;
const ROTATION_PAGE = 500;

/** How a vault over a store's data keys unwraps them. */
export interface StoreKeyVaultOptions {
  /**
   * Wraps new data keys and opens existing ones. Without it the vault can still tell which
   * keys were shredded and shred them, but never seal or show a product key.
   */
  readonly keyEncryptionKey?: KeyEncryptionKey;
  /** Earlier KEKs that may still wrap some data keys (during a rotation): tried by their id, never used to wrap. */
  readonly previousKeyEncryptionKeys?: readonly KeyEncryptionKey[];
  /** Stamps `createdAt` and `destroyedAt`; defaults to the system clock. */
  readonly clock?: Clock;
}

/** What a key-encryption key rotation did. */
export interface KeyRotationReport {
  /** The KEK every live data key is now wrapped under. */
  readonly keyEncryptionKeyId: string;
  /** Data keys rewrapped by this rotation. */
  readonly rewrapped: number;
  /** Data keys found already wrapped under it (an earlier, interrupted rotation, or another process). */
  readonly alreadyWrapped: number;
}

/** A key vault that can also move every data key it holds to a new key-encryption key. */
export interface RotatableKeyVault extends KeyVault {
  /**
   * Rewraps every data key under `next`, one key at a time, each atomically: at every moment
   * each key is wrapped under the old or the new KEK, so an interrupted rotation leaves every
   * key readable and is resumed by running it again. New data keys are wrapped under `next`
   * from the start of the rotation.
   */
  rotateKeyEncryptionKey(next: KeyEncryptionKey, onProgress?: (done: number) => void): Promise<KeyRotationReport>;
}

/** A data key store's failure, thrown so that the vault keeps the `KeyVault` port's shape. */
export class DataKeyStoreError extends Error {
  override readonly name = 'DataKeyStoreError';
  constructor(readonly error: StoreUnavailableError) {
    super(error.message);
  }
}

function orThrow<A>(result: E.Either<StoreUnavailableError, A>): A {
  if (E.isLeft(result)) throw new DataKeyStoreError(result.left);
  return result.right;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

interface OpenedKey {
  readonly kekId: string;
  readonly wrapped: Uint8Array;
  readonly key: Uint8Array;
}

/**
 * The durable key vault (envelope encryption): each tenant's data key lives in the store,
 * wrapped under the platform's key-encryption key, and is unwrapped on use. Opened keys are
 * kept in memory, but every use reads the store's row first, so a tenant another process
 * forgot is shredded here at once, and a row changed by hand is noticed.
 */
export function storeKeyVault(dataKeys: DataKeyStore, options: StoreKeyVaultOptions = {}): RotatableKeyVault {
  const clock = options.clock ?? systemClock;
  let current = options.keyEncryptionKey;
  let previous: readonly KeyEncryptionKey[] = options.previousKeyEncryptionKeys ?? [];
  const opened = new Map<string, OpenedKey>();

  const requireKek = (doing: string): KeyEncryptionKey => {
    if (current === undefined) {
      throw new KeyCustodyUnconfiguredError(`this key vault was given no key-encryption key, so it cannot ${doing}: pass keyEncryptionKey to createEngine, or set CSP_ONPREM_KEY_ENCRYPTION_KEY`);
    }
    return current;
  };

  const kekFor = (stored: WrappedDataKey): KeyEncryptionKey => {
    requireKek('open a data key');
    const kek = [current, ...previous].find((each) => each?.keyId === stored.kekId);
    if (kek === undefined) {
      const given = [current, ...previous].map((each) => each?.keyId).join(', ');
      throw new KeyEncryptionKeyMismatchError(
        `data key ${stored.keyId} is wrapped under key-encryption key ${stored.kekId}, which this engine was not given (it has ${given}); the key is not shredded: the right key-encryption key opens it`,
        stored.keyId,
        stored.kekId,
      );
    }
    return kek;
  };

  async function open(stored: WrappedDataKey): Promise<Uint8Array> {
    const known = opened.get(stored.keyId);
    if (known !== undefined && known.kekId === stored.kekId && sameBytes(known.wrapped, stored.wrapped)) return known.key;
    const kek = kekFor(stored);
    let key: Uint8Array;
    try {
      key = await kek.unwrap(stored.wrapped);
    } catch (cause) {
      if (!(cause instanceof WrappedKeyRejectedError)) throw cause;
      throw new KeyEncryptionKeyMismatchError(
        `data key ${stored.keyId} does not open under key-encryption key ${stored.kekId}: its stored bytes were changed, or another key bears that id`,
        stored.keyId,
        stored.kekId,
      );
    }
    if (key.length !== DATA_KEY_BYTES) throw new KeyEncryptionKeyMismatchError(`data key ${stored.keyId} unwrapped to ${key.length} bytes, not ${DATA_KEY_BYTES}`, stored.keyId, stored.kekId);
    opened.set(stored.keyId, { kekId: stored.kekId, wrapped: Uint8Array.from(stored.wrapped), key });
    return key;
  }

  async function create(tenantId: string): Promise<DataKey> {
    const kek = requireKek('seal a product key');
    const key = new Uint8Array(randomBytes(DATA_KEY_BYTES));
    const mine: WrappedDataKey = { keyId: `${tenantId}/${randomUUID()}`, tenantId, kekId: kek.keyId, wrapped: await kek.wrap(key), createdAt: clock().toISOString() };
    const winner = orThrow(await dataKeys.create(mine));
    if (winner.keyId === mine.keyId) {
      opened.set(mine.keyId, { kekId: mine.kekId, wrapped: mine.wrapped, key });
      return { keyId: mine.keyId, key };
    }
    // Another process made the tenant's first data key at the same moment: use theirs.
    key.fill(0);
    return { keyId: winner.keyId, key: await open(winner) };
  }

  function forget(keyIds: Iterable<string>): void {
    for (const keyId of keyIds) {
      opened.get(keyId)?.key.fill(0);
      opened.delete(keyId);
    }
  }

  async function rewrapOne(stored: WrappedDataKey, next: KeyEncryptionKey): Promise<'rewrapped' | 'already'> {
    if (stored.kekId === next.keyId) return 'already';
    const key = await open(stored);
    const wrapped = await next.wrap(key);
    if (orThrow(await dataKeys.rewrap(stored.keyId, stored.kekId, { kekId: next.keyId, wrapped }))) {
      opened.set(stored.keyId, { kekId: next.keyId, wrapped, key });
      return 'rewrapped';
    }
    const now = orThrow(await dataKeys.byId(stored.keyId));
    if (now.kind !== 'live') return 'already';
    if (now.key.kekId === next.keyId) return 'already';
    throw new Error(`data key ${stored.keyId} changed during the rotation and is wrapped under ${now.key.kekId}: run the rotation again`);
  }

  /** Refuses a next KEK that cannot open what it wraps, before anything changes. */
  async function selfTest(next: KeyEncryptionKey): Promise<void> {
    const probe = new Uint8Array(randomBytes(DATA_KEY_BYTES));
    const back = await next.unwrap(await next.wrap(probe));
    if (!sameBytes(back, probe)) throw new Error(`the next key-encryption key ${next.keyId} does not give back what it wraps: nothing was rotated`);
  }

  return {
    async dataKeyFor(tenantId) {
      requireKek('seal a product key');
      const found = orThrow(await dataKeys.forTenant(tenantId));
      return found === undefined ? create(tenantId) : { keyId: found.keyId, key: await open(found) };
    },
    async existingDataKey(keyId) {
      const found = orThrow(await dataKeys.byId(keyId));
      if (found.kind !== 'live') {
        forget([keyId]);
        return undefined;
      }
      return open(found.key);
    },
    async destroyDataKey(tenantId) {
      forget(orThrow(await dataKeys.destroyTenant(tenantId, clock().toISOString())));
      forget([...opened.keys()].filter((keyId) => keyId.startsWith(`${tenantId}/`)));
    },
    async isDestroyed(keyId) {
      return orThrow(await dataKeys.byId(keyId)).kind === 'destroyed';
    },
    async rotateKeyEncryptionKey(next, onProgress) {
      const old = requireKek('rotate');
      await selfTest(next);
      if (old.keyId !== next.keyId) {
        previous = [old, ...previous.filter((each) => each.keyId !== old.keyId && each.keyId !== next.keyId)];
        current = next;
      }
      let rewrapped = 0;
      let alreadyWrapped = 0;
      for (let after: string | undefined; ; ) {
        const page = orThrow(await dataKeys.list(after, ROTATION_PAGE));
        for (const stored of page) {
          if ((await rewrapOne(stored, next)) === 'rewrapped') rewrapped += 1;
          else alreadyWrapped += 1;
          after = stored.keyId;
          onProgress?.(rewrapped + alreadyWrapped);
        }
        if (page.length < ROTATION_PAGE) break;
      }
      return { keyEncryptionKeyId: next.keyId, rewrapped, alreadyWrapped };
    },
  };
}
