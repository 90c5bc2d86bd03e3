import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { inProcessVault, keyFingerprint, sealProductKey, unsealProductKey } from '@csp-onprem/engine';
import { executeAsActor } from '@csp-onprem/testing';

const productKey = 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY';

describe('sealing product keys', () => {
  it('opens a sealed key with the same data key and context', () => {
    const dataKey = randomBytes(32);
    const sealed = sealProductKey(productKey, dataKey, 'tenant-1', 'csp-software-s1|2019|en-us|64-bit');
    expect(unsealProductKey(sealed, dataKey, 'csp-software-s1|2019|en-us|64-bit')).to.equal(productKey);
  });

  it('never carries the plain key in the sealed form', () => {
    const sealed = sealProductKey(productKey, randomBytes(32), 'tenant-1', 'ctx');
    expect(JSON.stringify(sealed)).not.to.include(productKey);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.to.include(productKey);
  });

  it('refuses to open a key under another data key or moved to another stream or variant', () => {
    const dataKey = randomBytes(32);
    const sealed = sealProductKey(productKey, dataKey, 'tenant-1', 'csp-software-s1|2019|en-us|64-bit');
    expect(() => unsealProductKey(sealed, randomBytes(32), 'csp-software-s1|2019|en-us|64-bit')).to.throw();
    expect(() => unsealProductKey(sealed, dataKey, 'csp-software-s2|2019|en-us|64-bit')).to.throw();
  });

  it('refuses a sealed key whose tag was cut to 4, 8 or 15 bytes, or whose IV is not 12 bytes, though GCM alone would accept a short tag', () => {
    const dataKey = randomBytes(32);
    const context = 'csp-software-s1|2019|en-us|64-bit';
    const sealed = sealProductKey(productKey, dataKey, 'tenant-1', context);
    const tag = Buffer.from(sealed.tag, 'base64');
    for (const length of [4, 8, 15]) {
      expect(() => unsealProductKey({ ...sealed, tag: tag.subarray(0, length).toString('base64') }, dataKey, context)).to.throw(`tag is 16 bytes, not ${length}`);
    }
    expect(() => unsealProductKey({ ...sealed, iv: randomBytes(16).toString('base64') }, dataKey, context)).to.throw('IV is 12 bytes, not 16');
  });

  it('fingerprints a key stably without revealing it', () => {
    expect(keyFingerprint(productKey)).to.equal(keyFingerprint(productKey)).and.to.match(/^sha256:[0-9a-f]{16}$/);
    expect(keyFingerprint(productKey)).not.to.equal(keyFingerprint(`${productKey}Z`));
  });

  it('keeps one data key per tenant until it is destroyed', async () => {
    const vault = inProcessVault();
    const first = await vault.dataKeyFor('tenant-1');
    expect(await vault.dataKeyFor('tenant-1')).to.deep.equal(first);
    expect((await vault.dataKeyFor('tenant-2')).keyId).not.to.equal(first.keyId);
    await vault.destroyDataKey('tenant-1');
    expect(await vault.existingDataKey(first.keyId)).to.equal(undefined);
    expect((await vault.dataKeyFor('tenant-1')).keyId).not.to.equal(first.keyId);
  });
});

describe('forgetting a tenant (crypto-shredding)', () => {
  it('makes its keys impossible to show again, marks them shredded, and leaves the log verifiable', async () => {
    const { createEngine, inMemoryStore } = await import('@csp-onprem/engine');
    const E = await import('fp-ts/lib/Either.js');
    const { admin, CUSTOMER, getKey, purchase, right } = await import('./support.js');
    const engine = createEngine({ store: inMemoryStore() });
    right(await executeAsActor(engine, purchase('s1')));
    const issued = right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const forgotten = right(await engine.forgetTenant(CUSTOMER.toUpperCase()));
    expect(forgotten).to.deep.equal({ tenantId: CUSTOMER, keysShredded: 1 });

    const again = await executeAsActor(engine, getKey('s1', 'key-2'));
    expect(E.isLeft(again) && again.left.code).to.equal('KeyShredded');
    expect(JSON.stringify(again)).not.to.include(issued.productKey);
    const listed = right(await engine.as(admin).softwareList(CUSTOMER));
    expect(listed[0]?.keys[0]).to.include({ shredded: true, revoked: false });
    expect(right(await engine.verify()).ok).to.equal(true);
  });

  it('refuses a tenant id that is not a GUID, naming the field', async () => {
    const { createEngine, inMemoryStore } = await import('@csp-onprem/engine');
    const E = await import('fp-ts/lib/Either.js');
    const result = await createEngine({ store: inMemoryStore() }).forgetTenant('contoso');
    expect(E.isLeft(result) && result.left.code).to.equal('InvalidCommand');
    expect(E.isLeft(result) && result.left.message).to.include('tenantId');
  });

  it('lets a new key be issued under a fresh data key after the tenant was forgotten', async () => {
    const { createEngine, inMemoryStore } = await import('@csp-onprem/engine');
    const { CUSTOMER, getKey, purchase, right } = await import('./support.js');
    const engine = createEngine({ store: inMemoryStore() });
    right(await executeAsActor(engine, purchase('s1')));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    right(await engine.forgetTenant(CUSTOMER));
    right(await executeAsActor(engine, purchase('s2')));
    const fresh = right(await executeAsActor(engine, getKey('s2', 'key-2')));
    const shown = right(await executeAsActor(engine, getKey('s2', 'key-3')));
    expect(shown.productKey).to.equal(fresh.productKey);
  });
});

describe('the development key provider', () => {
  it('makes clearly-marked test keys of five groups from its alphabet, different each time', async () => {
    const { developmentKeyProvider } = await import('@csp-onprem/engine');
    const provider = developmentKeyProvider();
    const request = {} as Parameters<typeof provider.issueKey>[0];
    const keys = await Promise.all(Array.from({ length: 50 }, () => provider.issueKey(request)));
    for (const key of keys) expect(key).to.match(/^TEST(-[BCDFGHJKMPQRTVWXY2346789]{5}){5}$/);
    expect(new Set(keys).size).to.equal(50);
  });
});
