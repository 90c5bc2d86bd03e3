import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import {
  createEngine,
  EngineConfigurationError,
  inMemoryDataKeyStore,
  inMemoryStore,
  inProcessVault,
  KEY_ENCRYPTION_KEY_VARIABLE,
  localKeyEncryptionKey,
  type EventStore,
} from '@csp-onprem/engine';
import { executeAsActor } from '@csp-onprem/testing';
import { allRecords, CUSTOMER, getKey, purchase, right } from './support.js';

/** A store that keeps data keys, as every durable store does. */
function durableStore(): EventStore {
  const { ephemeral: _ephemeral, ...store } = inMemoryStore();
  return { ...store, name: 'durable-test', dataKeys: inMemoryDataKeyStore() };
}

function configurationError(build: () => unknown): EngineConfigurationError {
  try {
    build();
  } catch (cause) {
    expect(cause).to.be.instanceOf(EngineConfigurationError);
    return cause as EngineConfigurationError;
  }
  return expect.fail('expected createEngine to refuse its options');
}

describe('createEngine and key custody', () => {
  it('refuses a durable store with no key-encryption key, naming the option and the variable, and writes nothing', async () => {
    const store = durableStore();
    const error = configurationError(() => createEngine({ store, environment: {} }));
    expect(error).to.deep.include({ code: 'EngineConfiguration', option: 'keyEncryptionKey', variable: KEY_ENCRYPTION_KEY_VARIABLE });
    expect(error.message).to.include('keyEncryptionKey').and.include('CSP_ONPREM_KEY_ENCRYPTION_KEY').and.include('nothing was written');
    expect(await allRecords(store)).to.deep.equal([]);
  });

  it('reads the key-encryption key from CSP_ONPREM_KEY_ENCRYPTION_KEY when no option gives one, and wraps data keys under it', async () => {
    const value = randomBytes(32).toString('base64');
    const store = durableStore();
    const engine = createEngine({ store, environment: { [KEY_ENCRYPTION_KEY_VARIABLE]: value } });
    right(await executeAsActor(engine, purchase('SUB-ENV')));
    right(await executeAsActor(engine, getKey('SUB-ENV', 'key-env')));
    const wrapped = right(await (store.dataKeys as NonNullable<EventStore['dataKeys']>).forTenant(CUSTOMER));
    expect(wrapped?.kekId, "the variable's KEK wraps the customer's data key").to.equal(localKeyEncryptionKey(value).keyId);
  });

  it('refuses a CSP_ONPREM_KEY_ENCRYPTION_KEY that is not 32 bytes of base64, never quoting its value', () => {
    const value = randomBytes(20).toString('base64');
    const error = configurationError(() => createEngine({ store: durableStore(), environment: { [KEY_ENCRYPTION_KEY_VARIABLE]: value } }));
    expect(error.message).to.include(KEY_ENCRYPTION_KEY_VARIABLE).and.include('20 bytes').and.not.include(value);
  });

  it('leaves the environment alone for a store that keeps no data keys: a bad variable does not stop the in-memory store', () => {
    expect(() => createEngine({ store: inMemoryStore(), environment: { [KEY_ENCRYPTION_KEY_VARIABLE]: 'not a key' } })).to.not.throw();
  });

  it('refuses a vault and a key-encryption key together, and a custom store that keeps no data keys without a vault', () => {
    const both = configurationError(() => createEngine({ store: durableStore(), vault: inProcessVault(), keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) }));
    expect(both.message).to.include('either vault or keyEncryptionKey');
    const previous = configurationError(() => createEngine({ store: durableStore(), vault: inProcessVault(), previousKeyEncryptionKeys: [localKeyEncryptionKey(randomBytes(32))] }));
    expect(previous.message).to.include('previousKeyEncryptionKeys');
    const { ephemeral: _ephemeral, ...custom } = inMemoryStore();
    const bare = configurationError(() => createEngine({ store: { ...custom, name: 'custom' } }));
    expect(bare).to.deep.include({ option: 'vault' });
  });

  it('gives the in-memory store an in-process vault, and a custom store the vault it is handed', () => {
    expect(() => createEngine({ store: inMemoryStore(), environment: {} })).to.not.throw();
    const { ephemeral: _ephemeral, ...custom } = inMemoryStore();
    expect(() => createEngine({ store: custom, vault: inProcessVault() })).to.not.throw();
  });
});
