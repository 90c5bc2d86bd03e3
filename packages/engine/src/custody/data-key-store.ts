import type { Either } from 'fp-ts/lib/Either.js';
import type { StoreUnavailableError } from '../store/store-errors.js';

/** A tenant's data key as a store keeps it: wrapped under a key-encryption key, never raw. */
export interface WrappedDataKey {
  /** `<tenantId>/<uuid>`: what sealed product keys record to find their data key again. */
  readonly keyId: string;
  /** The customer tenant whose product keys it seals (lower-case GUID). */
  readonly tenantId: string;
  /** The id of the key-encryption key that wrapped it. */
  readonly kekId: string;
  /** The data key, wrapped. */
  readonly wrapped: Uint8Array;
  /** When it was made, ISO-8601. */
  readonly createdAt: string;
}

/** What a store knows of a data key id: the wrapped key, that it was destroyed, or nothing. */
export type DataKeyLookup =
  | { readonly kind: 'live'; readonly key: WrappedDataKey }
  | { readonly kind: 'destroyed'; readonly destroyedAt: string }
  | { readonly kind: 'unknown' };

/**
 * Where a durable store keeps the tenants' data keys, wrapped, beside its events (a table of
 * its own in SQLite and PostgreSQL, a stream per tenant in KurrentDB). One live data key per
 * tenant; destroying a tenant's keys deletes their bytes and keeps only their ids, so that
 * "shredded" can be told apart from "never here". Every method answers `StoreUnavailable`
 * when the store cannot be reached; none ever sees a raw data key.
 */
export interface DataKeyStore {
  /** The tenant's live data key, if it has one. */
  forTenant(tenantId: string): Promise<Either<StoreUnavailableError, WrappedDataKey | undefined>>;
  /** A data key by its id. */
  byId(keyId: string): Promise<Either<StoreUnavailableError, DataKeyLookup>>;
  /**
   * Keeps `key` as its tenant's data key unless the tenant already has one, atomically, also
   * against other processes; answers the tenant's data key either way (the first one wins).
   */
  create(key: WrappedDataKey): Promise<Either<StoreUnavailableError, WrappedDataKey>>;
  /**
   * Replaces a key's wrapping if it is still wrapped under `fromKekId`, atomically; answers
   * false, changing nothing, when it is not (another rotation got there first, or it is gone).
   */
  rewrap(keyId: string, fromKekId: string, to: { readonly kekId: string; readonly wrapped: Uint8Array }): Promise<Either<StoreUnavailableError, boolean>>;
  /** A page of live data keys in key id order, after `afterKeyId` (from the start when absent). */
  list(afterKeyId: string | undefined, limit: number): Promise<Either<StoreUnavailableError, WrappedDataKey[]>>;
  /**
   * Destroys every data key of the tenant for good: their bytes leave the store (SQLite also
   * overwrites the freed space and checkpoints its write-ahead log), their ids are kept as
   * destroyed. Answers the ids destroyed.
   */
  destroyTenant(tenantId: string, destroyedAt: string): Promise<Either<StoreUnavailableError, string[]>>;
}
