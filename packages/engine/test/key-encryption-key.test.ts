import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { keyEncryptionKeySecret, localKeyEncryptionKey, WrappedKeyRejectedError } from '@csp-onprem/engine';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (cause) {
    return cause;
  }
  return expect.fail('expected the promise to reject');
}

describe('a local key-encryption key', () => {
  it('wraps a data key into 61 bytes that hold none of it, and unwraps it exactly', async () => {
    const kek = localKeyEncryptionKey(randomBytes(32));
    const dataKey = new Uint8Array(randomBytes(32));
    const wrapped = await kek.wrap(dataKey);
    expect(wrapped).to.have.length(61);
    expect(Buffer.from(wrapped).includes(Buffer.from(dataKey.subarray(0, 8)))).to.equal(false);
    expect(Buffer.from(await kek.unwrap(wrapped)).equals(Buffer.from(dataKey))).to.equal(true);
    expect(Buffer.from(await kek.wrap(dataKey)).equals(Buffer.from(wrapped)), 'a fresh IV per wrap').to.equal(false);
  });

  it('takes its secret as 32 bytes or as their base64 (a trailing newline from a file included), with the same id either way', () => {
    const secret = randomBytes(32);
    const fromBytes = localKeyEncryptionKey(secret);
    const fromText = localKeyEncryptionKey(`${secret.toString('base64')}\n`);
    expect(fromText.keyId).to.equal(fromBytes.keyId).and.match(/^local:[0-9a-f]{24}$/);
    expect(localKeyEncryptionKey(randomBytes(32)).keyId).to.not.equal(fromBytes.keyId);
    expect(fromBytes.keyId).to.not.include(secret.toString('hex').slice(0, 24));
  });

  it('refuses a secret of the wrong length or not in base64 with a RangeError that never quotes it', () => {
    const short = randomBytes(16).toString('base64');
    for (const [secret, reason] of [
      [short, /this is 16 bytes/],
      ['not*base64*at*all', /this is not base64/],
      [randomBytes(31), /this is 31 bytes/],
      [randomBytes(64).toString('base64'), /this is 64 bytes/],
    ] as const) {
      let message = '';
      try {
        keyEncryptionKeySecret(secret);
      } catch (cause) {
        expect(cause).to.be.instanceOf(RangeError);
        message = (cause as Error).message;
      }
      expect(message).to.match(reason);
      if (typeof secret === 'string') expect(message).to.not.include(secret);
    }
  });

  it('refuses bytes another key wrapped, a flipped bit and a cut tag as WrappedKeyRejectedError, never a wrong key', async () => {
    const kek = localKeyEncryptionKey(randomBytes(32));
    const other = localKeyEncryptionKey(randomBytes(32));
    const wrapped = await kek.wrap(new Uint8Array(randomBytes(32)));
    const flipped = Uint8Array.from(wrapped);
    flipped[20] = (flipped[20] as number) ^ 1;
    for (const bad of [await other.wrap(new Uint8Array(randomBytes(32))), flipped, wrapped.subarray(0, 57), wrapped.subarray(0, 53)]) {
      expect(await rejection(kek.unwrap(bad))).to.be.instanceOf(WrappedKeyRejectedError);
    }
  });
});
