import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import {
  createEngine,
  inMemoryDataKeyStore,
  inMemoryStore,
  KeyEncryptionKeyMismatchError,
  localKeyEncryptionKey,
  storeKeyVault,
  storeUnavailable,
  type DataKeyStore,
  type EventStore,
  type KeyEncryptionKey,
} from '@csp-onprem/engine';
import { executeAsActor } from '@csp-onprem/testing';
import { allRecords, getKey, purchase, right } from './support.js';

/** An in-memory store that keeps data keys as a durable store does, so that the envelope vault runs over it. */
function storeWithDataKeys(dataKeys: DataKeyStore = inMemoryDataKeyStore()): EventStore {
  const { ephemeral: _ephemeral, ...store } = inMemoryStore();
  return { ...store, dataKeys };
}

const aKek = (): KeyEncryptionKey => localKeyEncryptionKey(randomBytes(32));
const TENANT = '22222222-2222-4222-8222-222222222222';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (cause) {
    return cause;
  }
  return expect.fail('expected the promise to reject');
}

describe('the durable key vault over a store\'s data keys', () => {
  it('keeps a tenant\'s data key only wrapped, and a second vault on the same store gets the same key', async () => {
    const dataKeys = inMemoryDataKeyStore();
    const kek = aKek();
    const made = await storeKeyVault(dataKeys, { keyEncryptionKey: kek }).dataKeyFor(TENANT);
    const stored = right(await dataKeys.forTenant(TENANT));
    expect(stored?.kekId).to.equal(kek.keyId);
    expect(Buffer.from(stored?.wrapped ?? []).includes(Buffer.from(made.key))).to.equal(false);
    const again = await storeKeyVault(dataKeys, { keyEncryptionKey: kek }).dataKeyFor(TENANT);
    expect(again.keyId).to.equal(made.keyId);
    expect(Buffer.from(again.key).equals(Buffer.from(made.key))).to.equal(true);
  });

  it('answers a wrong key-encryption key, or a row changed by hand, with KeyEncryptionKeyMismatchError naming the key, never a key', async () => {
    const dataKeys = inMemoryDataKeyStore();
    const made = await storeKeyVault(dataKeys, { keyEncryptionKey: aKek() }).dataKeyFor(TENANT);
    const wrong = await rejection(storeKeyVault(dataKeys, { keyEncryptionKey: aKek() }).existingDataKey(made.keyId));
    expect(wrong).to.be.instanceOf(KeyEncryptionKeyMismatchError);
    expect((wrong as Error).message).to.include(made.keyId).and.include('not shredded');

    const kek = aKek();
    const edited = inMemoryDataKeyStore();
    const key = await storeKeyVault(edited, { keyEncryptionKey: kek }).dataKeyFor(TENANT);
    const stored = right(await edited.forTenant(TENANT));
    if (stored === undefined) return expect.fail('no data key kept');
    const changed = Uint8Array.from(stored.wrapped);
    changed[30] = (changed[30] as number) ^ 0xff;
    right(await edited.rewrap(key.keyId, kek.keyId, { kekId: kek.keyId, wrapped: changed }));
    const tampered = await rejection(storeKeyVault(edited, { keyEncryptionKey: kek }).existingDataKey(key.keyId));
    expect(tampered).to.be.instanceOf(KeyEncryptionKeyMismatchError);
    expect((tampered as Error).message).to.include('stored bytes were changed');
  });

  it('sees at once a tenant another vault on the same store forgot', async () => {
    const dataKeys = inMemoryDataKeyStore();
    const kek = aKek();
    const mine = storeKeyVault(dataKeys, { keyEncryptionKey: kek });
    const made = await mine.dataKeyFor(TENANT);
    expect(await mine.existingDataKey(made.keyId)).to.not.equal(undefined);
    await storeKeyVault(dataKeys, { keyEncryptionKey: kek }).destroyDataKey(TENANT);
    expect(await mine.existingDataKey(made.keyId)).to.equal(undefined);
    expect(await mine.isDestroyed?.(made.keyId)).to.equal(true);
  });

  it('without a key-encryption key, tells what was shredded and shreds, but never makes or opens a data key', async () => {
    const dataKeys = inMemoryDataKeyStore();
    const made = await storeKeyVault(dataKeys, { keyEncryptionKey: aKek() }).dataKeyFor(TENANT);
    const keyless = storeKeyVault(dataKeys);
    expect(await keyless.isDestroyed?.(made.keyId)).to.equal(false);
    expect(String(await rejection(keyless.dataKeyFor(TENANT)))).to.include('no key-encryption key');
    expect(String(await rejection(keyless.existingDataKey(made.keyId)))).to.include('no key-encryption key');
    await keyless.destroyDataKey(TENANT);
    expect(await keyless.isDestroyed?.(made.keyId)).to.equal(true);
  });
});

describe('rotating the key-encryption key', () => {
  it('rewraps every data key, after which the next KEK alone opens them all and the old one none', async () => {
    const dataKeys = inMemoryDataKeyStore();
    const [old, next] = [aKek(), aKek()];
    const vault = storeKeyVault(dataKeys, { keyEncryptionKey: old });
    const tenants = Array.from({ length: 7 }, (_, i) => `0000000${i}-2222-4222-8222-222222222222`);
    const keys = await Promise.all(tenants.map((tenant) => vault.dataKeyFor(tenant)));
    const report = await vault.rotateKeyEncryptionKey(next);
    expect(report).to.deep.equal({ keyEncryptionKeyId: next.keyId, rewrapped: 7, alreadyWrapped: 0 });
    const fresh = storeKeyVault(dataKeys, { keyEncryptionKey: next });
    for (const key of keys) expect(Buffer.from((await fresh.existingDataKey(key.keyId)) ?? []).equals(Buffer.from(key.key))).to.equal(true);
    expect(await rejection(storeKeyVault(dataKeys, { keyEncryptionKey: old }).existingDataKey(keys[0]?.keyId ?? ''))).to.be.instanceOf(KeyEncryptionKeyMismatchError);
    expect((await vault.dataKeyFor('99999999-2222-4222-8222-222222222222')).keyId, 'new keys are wrapped under the next KEK').to.be.a('string');
    expect(right(await dataKeys.forTenant('99999999-2222-4222-8222-222222222222'))?.kekId).to.equal(next.keyId);
  });

  it('leaves every key readable by one of the two KEKs when the store fails mid-way, and finishes when run again', async () => {
    const inner = inMemoryDataKeyStore();
    let rewraps = 0;
    const failing: DataKeyStore = {
      ...inner,
      rewrap: async (...args) => (++rewraps === 3 ? E.left(storeUnavailable('data keys', 'the disk went away')) : inner.rewrap(...args)),
    };
    const [old, next] = [aKek(), aKek()];
    const keys = await Promise.all(Array.from({ length: 5 }, (_, i) => storeKeyVault(inner, { keyEncryptionKey: old }).dataKeyFor(`1000000${i}-2222-4222-8222-222222222222`)));
    const failed = await rejection(storeKeyVault(failing, { keyEncryptionKey: old }).rotateKeyEncryptionKey(next));
    expect(String(failed)).to.include('the disk went away');
    const either = storeKeyVault(inner, { keyEncryptionKey: next, previousKeyEncryptionKeys: [old] });
    for (const key of keys) expect(Buffer.from((await either.existingDataKey(key.keyId)) ?? []).equals(Buffer.from(key.key))).to.equal(true);
    const kekIds = new Set(right(await inner.list(undefined, 100)).map((key) => key.kekId));
    expect([...kekIds].sort()).to.deep.equal([old.keyId, next.keyId].sort());
    const resumed = await storeKeyVault(inner, { keyEncryptionKey: old }).rotateKeyEncryptionKey(next);
    expect(resumed).to.deep.equal({ keyEncryptionKeyId: next.keyId, rewrapped: 3, alreadyWrapped: 2 });
    for (const key of keys) expect(Buffer.from((await storeKeyVault(inner, { keyEncryptionKey: next }).existingDataKey(key.keyId)) ?? []).equals(Buffer.from(key.key))).to.equal(true);
  });

  it('refuses a next KEK that does not give back what it wraps, before changing anything', async () => {
    const dataKeys = inMemoryDataKeyStore();
    const old = aKek();
    await storeKeyVault(dataKeys, { keyEncryptionKey: old }).dataKeyFor(TENANT);
    const broken: KeyEncryptionKey = { keyId: 'broken', wrap: async (key) => key, unwrap: async () => new Uint8Array(32) };
    expect(String(await rejection(storeKeyVault(dataKeys, { keyEncryptionKey: old }).rotateKeyEncryptionKey(broken)))).to.include('nothing was rotated');
    expect(right(await dataKeys.forTenant(TENANT))?.kekId).to.equal(old.keyId);
  });
});

describe('an engine over a store that keeps data keys', () => {
  it('shows a key again from a second engine on the same store with the same key-encryption key', async () => {
    const store = storeWithDataKeys();
    const kek = aKek();
    const first = createEngine({ store, keyEncryptionKey: kek });
    right(await executeAsActor(first, purchase('s1')));
    const issued = right(await executeAsActor(first, getKey('s1', 'key-1'))).productKey;
    const second = createEngine({ store, keyEncryptionKey: kek });
    expect(right(await executeAsActor(second, getKey('s1', 'key-2'))).productKey).to.equal(issued);
  });

  it('answers KeyEncryptionKeyMismatch under another key-encryption key, naming the data key, and writes nothing', async () => {
    const store = storeWithDataKeys();
    const first = createEngine({ store, keyEncryptionKey: aKek() });
    right(await executeAsActor(first, purchase('s1')));
    const issued = right(await executeAsActor(first, getKey('s1', 'key-1'))).productKey ?? '';
    const before = await allRecords(store);
    const stranger = createEngine({ store, keyEncryptionKey: aKek() });
    const shown = await executeAsActor(stranger, getKey('s1', 'key-2'));
    expect(E.isLeft(shown) && shown.left).to.deep.include({ code: 'KeyEncryptionKeyMismatch' });
    expect(E.isLeft(shown) && shown.left).to.have.property('dataKeyId').that.match(/^22222222-2222-4222-8222-222222222222\//);
    expect(JSON.stringify(shown)).to.not.include(issued);
    expect(await allRecords(store)).to.deep.equal(before);
  });

  it('rotates through the engine, and an engine given only the next KEK shows every key', async () => {
    const store = storeWithDataKeys();
    const [old, next] = [aKek(), aKek()];
    const engine = createEngine({ store, keyEncryptionKey: old });
    right(await executeAsActor(engine, purchase('s1')));
    const issued = right(await executeAsActor(engine, getKey('s1', 'key-1'))).productKey;
    expect(right(await engine.rotateKeyEncryptionKey(next))).to.deep.include({ rewrapped: 1 });
    expect(right(await executeAsActor(engine, getKey('s1', 'key-2'))).productKey, 'the rotating engine goes on').to.equal(issued);
    expect(right(await executeAsActor(createEngine({ store, keyEncryptionKey: next }), getKey('s1', 'key-3'))).productKey).to.equal(issued);
  });

  it('asks for the data key before the key provider, so a key is never issued that could not be sealed', async () => {
    const failing: DataKeyStore = { ...inMemoryDataKeyStore(), forTenant: async () => E.left(storeUnavailable('data keys', 'the vault table is locked')) };
    let asked = 0;
    const engine = createEngine({ store: storeWithDataKeys(failing), keyEncryptionKey: aKek(), keyProvider: { issueKey: async () => `KEY-${++asked}` } });
    right(await executeAsActor(engine, purchase('s1')));
    const result = await executeAsActor(engine, getKey('s1', 'key-1'));
    expect(E.isLeft(result) && result.left.code).to.equal('StoreUnavailable');
    expect(asked).to.equal(0);
  });

  it('answers rotation over a vault of the platform\'s own with StoreUnavailable, changing nothing', async () => {
    const engine = createEngine({ store: inMemoryStore() });
    const rotated = await engine.rotateKeyEncryptionKey(aKek());
    expect(E.isLeft(rotated) && rotated.left).to.deep.include({ code: 'StoreUnavailable' });
    expect(E.isLeft(rotated) && rotated.left.message).to.include("this engine's vault is not the store's");
  });
});
