import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import {
  decodeSignedTreeHead,
  decodeTreeHead,
  keyIdOf,
  logTreeHead,
  signTreeHead,
  signedHeadBytes,
  streamsDigest,
  verifySignedTreeHead,
  type SignedTreeHead,
  type TreeHead,
} from '@csp-onprem/audit';
import { ed25519Pems, interleavedLog, left, right } from './support.js';

const NOW = new Date('2026-12-07T10:00:00.000Z');

describe('a signed tree head', () => {
  let head: TreeHead;
  let signed: SignedTreeHead;
  const keys = ed25519Pems();

  before(async () => {
    head = right(await logTreeHead(await interleavedLog(3, 3)));
    signed = right(signTreeHead(head, keys.privateKey, NOW));
  });

  it('adds the time, the key id and an Ed25519 signature over the documented bytes', async () => {
    expect(signed).to.deep.include({ ...head, timestamp: '2026-12-07T10:00:00.000Z' });
    expect(signed.keyId).to.equal(keyIdOf(createPublicKey(keys.publicKey)));
    expect(signed.keyId).to.match(/^[0-9a-f]{64}$/);
    expect(Buffer.from(signed.signature, 'base64')).to.have.length(64);
    const text = new TextDecoder().decode(signedHeadBytes(head, signed.timestamp));
    expect(text).to.equal(
      `{"format":"csp-onprem-tree-head/1","position":9,"root":"${head.root}","streamsDigest":"${streamsDigest(head.streams)}","timestamp":"2026-12-07T10:00:00.000Z","treeSize":9}`,
    );
  });

  it('verifies with the signer\'s public key', () => {
    expect(right(verifySignedTreeHead(signed, keys.publicKey))).to.equal(signed);
  });

  it('verifies after a trip through its JSON file', () => {
    const read = right(decodeSignedTreeHead(JSON.parse(JSON.stringify(signed))));
    expect(right(verifySignedTreeHead(read, keys.publicKey))).to.deep.equal(signed);
  });

  it('is refused when signed by another key, naming both key ids', () => {
    const other = ed25519Pems();
    const error = left(verifySignedTreeHead(right(signTreeHead(head, other.privateKey, NOW)), keys.publicKey));
    expect(error.code).to.equal('SignatureRefused');
    expect(error.message).to.match(/^the head was signed by another key \(key id [0-9a-f]{16}\.\.\.\), not the one given \(key id [0-9a-f]{16}\.\.\.\)$/);
  });

  for (const [field, change] of [
    ['tree size', (s: SignedTreeHead) => ({ ...s, treeSize: s.treeSize - 1 })],
    ['position', (s: SignedTreeHead) => ({ ...s, position: s.position + 1 })],
    ['root', (s: SignedTreeHead) => ({ ...s, root: Buffer.alloc(32).toString('base64') })],
    ['time', (s: SignedTreeHead) => ({ ...s, timestamp: '2026-12-08T10:00:00.000Z' })],
    ['stream head', (s: SignedTreeHead) => ({ ...s, streams: s.streams.slice(1) })],
  ] as const) {
    it(`is refused when its ${field} was changed after signing`, () => {
      const error = left(verifySignedTreeHead(change(signed), keys.publicKey));
      expect(error).to.deep.include({ code: 'SignatureRefused' });
      expect(error.message).to.match(/^the signature does not match the head/);
    });
  }

  it('is refused when its signature is truncated', () => {
    const truncated = Buffer.from(signed.signature, 'base64').subarray(0, 40).toString('base64');
    expect(left(verifySignedTreeHead({ ...signed, signature: truncated }, keys.publicKey)).message).to.equal(
      'the signature is truncated or damaged: 40 bytes where an Ed25519 signature has 64',
    );
  });

  it('cannot be made or checked with a key that is not Ed25519, or not a key, and says so without quoting it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect(left(signTreeHead(head, rsa.privateKey, NOW))).to.deep.equal({ code: 'UnusableKey', message: 'the signing key is an rsa key; tree heads are signed with Ed25519' });
    expect(left(verifySignedTreeHead(signed, rsa.publicKey)).code).to.equal('UnusableKey');
    const notAKey = 'password=hunter2';
    const error = left(verifySignedTreeHead(signed, notAKey));
    expect(error.message).to.equal('the public key is not a PEM public key');
    expect(left(signTreeHead(head, notAKey, NOW)).message).not.to.include('hunter2');
  });

  it('read from a file must carry all of its signature fields', () => {
    const { signature: _dropped, ...partial } = signed;
    expect(left(decodeTreeHead(partial)).message).to.include('signed with all of timestamp, keyId and signature, or with none');
    expect(left(decodeSignedTreeHead(head)).message).to.include('it has no timestamp, keyId or signature');
    expect(left(decodeSignedTreeHead({ ...signed, timestamp: '7 Dec 2026' })).message).to.include('timestamp should be ISO 8601 UTC time');
  });
});
