import type { Clock } from '../ports/clock.js';
import { inProcessVault, type KeyVault } from '../ports/key-vault.js';
import type { EventStore } from '../store/event-store.js';
import { EngineConfigurationError } from '../engine-configuration-error.js';
import { localKeyEncryptionKey, type KeyEncryptionKey } from './key-encryption-key.js';
import { storeKeyVault } from './store-key-vault.js';

/** The environment variable a key-encryption key is read from when no option gives one: 32 bytes, base64. */
export const KEY_ENCRYPTION_KEY_VARIABLE = 'CSP_ONPREM_KEY_ENCRYPTION_KEY';

/** What decides where an engine keeps its data keys. */
export interface KeyCustodyOptions {
  readonly store: EventStore;
  readonly vault?: KeyVault;
  readonly keyEncryptionKey?: KeyEncryptionKey;
  readonly previousKeyEncryptionKeys?: readonly KeyEncryptionKey[];
  readonly clock?: Clock;
}

/**
 * The KEK named by the environment variable, or `undefined` when it is unset. A value that is
 * not 32 bytes of base64 throws, naming the variable and never its value.
 */
export function keyEncryptionKeyFromEnvironment(environment: Readonly<Record<string, string | undefined>>): KeyEncryptionKey | undefined {
  const text = environment[KEY_ENCRYPTION_KEY_VARIABLE];
  if (text === undefined || text === '') return undefined;
  try {
    return localKeyEncryptionKey(text);
  } catch (cause) {
    throw new EngineConfigurationError(`${KEY_ENCRYPTION_KEY_VARIABLE} is set but unusable: ${(cause as Error).message}`, 'keyEncryptionKey', KEY_ENCRYPTION_KEY_VARIABLE);
  }
}

/**
 * The vault an engine seals product keys with. A store that keeps data keys (SQLite,
 * PostgreSQL, KurrentDB) keeps them wrapped under the key-encryption key from the option or
 * the environment; with neither, this throws, so no key is ever sealed under a data key a
 * restart would lose. The in-memory store, whose events die with the process, gets an
 * in-process vault. An explicit `vault` (a platform's own KMS-backed vault) always wins.
 */
export function keyVaultFor(options: KeyCustodyOptions, environment: Readonly<Record<string, string | undefined>>): KeyVault {
  const { store } = options;
  if (options.vault !== undefined) {
    if (options.keyEncryptionKey !== undefined || options.previousKeyEncryptionKeys !== undefined) {
      throw new EngineConfigurationError('createEngine: give either vault or keyEncryptionKey (and previousKeyEncryptionKeys), not both (a vault keeps its own keys)', 'keyEncryptionKey');
    }
    return options.vault;
  }
  if (store.dataKeys !== undefined) {
    // Read only for a store that keeps data keys: another store never uses it.
    const keyEncryptionKey = options.keyEncryptionKey ?? keyEncryptionKeyFromEnvironment(environment);
    if (keyEncryptionKey === undefined) {
      throw new EngineConfigurationError(
        `createEngine: ${store.name} keeps product keys durably and needs a key-encryption key to wrap their data keys: pass keyEncryptionKey (localKeyEncryptionKey(secret) or your KMS) or set ${KEY_ENCRYPTION_KEY_VARIABLE} to 32 random bytes in base64 (openssl rand -base64 32); nothing was written`,
        'keyEncryptionKey',
        KEY_ENCRYPTION_KEY_VARIABLE,
      );
    }
    return storeKeyVault(store.dataKeys, {
      keyEncryptionKey,
      ...(options.previousKeyEncryptionKeys === undefined ? {} : { previousKeyEncryptionKeys: options.previousKeyEncryptionKeys }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
  }
  if (store.ephemeral === true) return inProcessVault();
  throw new EngineConfigurationError(
    `createEngine: ${store.name} keeps no data keys and is not the in-memory store, so product keys sealed here could not be shown after a restart: pass vault (your KMS-backed KeyVault)`,
    'vault',
  );
}
