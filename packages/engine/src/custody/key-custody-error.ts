import { storeUnavailable, type StoreUnavailableError } from '../store/store-errors.js';
import { KeyEncryptionKeyMismatchError } from './custody-errors.js';
import { DataKeyStoreError } from './store-key-vault.js';

/**
 * The key-encryption key given cannot open a data key that exists (wrapped under another KEK,
 * or its stored bytes were changed). Distinct from `KeyShredded`: the key still exists, and
 * the right KEK shows it. Nothing was written.
 */
export interface KeyCustodyError {
  readonly code: 'KeyEncryptionKeyMismatch';
  readonly message: string;
  /** The data key that did not open. */
  readonly dataKeyId: string;
}

/** The error value of a key vault's failure: a KEK mismatch, or the vault (or its store) unavailable. */
export function keyVaultFailure(cause: unknown): KeyCustodyError | StoreUnavailableError {
  if (cause instanceof KeyEncryptionKeyMismatchError) return { code: 'KeyEncryptionKeyMismatch', message: cause.message, dataKeyId: cause.dataKeyId };
  if (cause instanceof DataKeyStoreError) return cause.error;
  return storeUnavailable('key vault', cause);
}
