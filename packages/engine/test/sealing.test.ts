import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { inProcessVault, keyFingerprint, sealProductKey, unsealProductKey } from '@csp-onprem/engine';

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

  it('fingerprints a key stably without revealing it', () => {
    expect(keyFingerprint(productKey)).to.equal(keyFingerprint(productKey)).and.to.match(/^sha256:[0-9a-f]{16}$/);
    expect(keyFingerprint(productKey)).not.to.equal(keyFingerprint(`${productKey}Z`));
  });

  it('keeps one data key per tenant until it is destroyed', async () => {
    const vault = inProcessVault();
    const first = await vault.dataKeyFor('tenant-1');
    expect(await vault.dataKeyFor('tenant-1')).to.equal(first);
    expect(await vault.dataKeyFor('tenant-2')).not.to.deep.equal(first);
    await vault.destroyDataKey('tenant-1');
    expect(await vault.existingDataKey('tenant-1')).to.equal(undefined);
  });
});
