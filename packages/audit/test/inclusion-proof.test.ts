import { expect } from 'chai';
import {
  checkInclusionProof,
  decodeInclusionProof,
  inclusionProofFor,
  logTreeHead,
  signTreeHead,
  verifySignedTreeHead,
  type SignedTreeHead,
  type TreeHead,
} from '@csp-onprem/audit';
import type { EventStore, StoredEvent } from '@csp-onprem/engine';
import { allRecords, appendTo, countingReads, ed25519Pems, interleavedLog, left, right, storeOf } from './support.js';

describe('an inclusion proof of an event', () => {
  let store: EventStore;
  let head: TreeHead;

  beforeEach(async () => {
    store = await interleavedLog(3, 5);
    head = right(await logTreeHead(store));
  });

  it('proves every event of the log against the head, and names it', async () => {
    for (const event of await allRecords(store)) {
      const proof = right(await inclusionProofFor(store, event.position, head));
      expect(proof).to.deep.include({ format: 'csp-onprem-inclusion-proof/1', treeSize: 15, root: head.root, leafIndex: event.position - 1 });
      expect(proof.leaf).to.deep.equal({ position: event.position, streamId: event.streamId, version: event.version, hash: event.hash });
      expect(right(checkInclusionProof(proof, head))).to.deep.include({ leafIndex: event.position - 1, leaf: proof.leaf });
    }
  });

  it('holds offline for a signed head, after both went through their files', async () => {
    const keys = ed25519Pems();
    const signed = right(signTreeHead(head, keys.privateKey, new Date('2026-12-07T10:00:00.000Z')));
    const proof = right(decodeInclusionProof(JSON.parse(JSON.stringify(right(await inclusionProofFor(store, 7, signed))))));
    const kept = JSON.parse(JSON.stringify(signed)) as SignedTreeHead;
    right(verifySignedTreeHead(kept, keys.publicKey));
    expect(right(checkInclusionProof(proof, kept)).leaf.position).to.equal(7);
  });

  it('still holds for an old head after the log grew', async () => {
    await appendTo(store, 'SUB-2', 4);
    const proof = right(await inclusionProofFor(store, 15, head));
    expect(proof.path.length).to.be.greaterThan(0);
    right(checkInclusionProof(proof, head));
  });

  it('uses leaf indexes, not positions, when positions have gaps', async () => {
    const records = (await allRecords(store)).map((r, i) => ({ ...r, position: 3 * i + 5 }));
    const gapped = storeOf(records);
    const gappedHead = right(await logTreeHead(gapped));
    const proof = right(await inclusionProofFor(gapped, 20, gappedHead));
    expect(proof.leafIndex).to.equal(5);
    right(checkInclusionProof(proof, gappedHead));
    expect(left(await inclusionProofFor(gapped, 21, gappedHead))).to.deep.equal({ code: 'NotInLog', message: 'no event has position 21 among the 15 events the head at position 47 covers' });
  });

  it('reads the log once, however deep the event', async () => {
    const big = countingReads(await interleavedLog(30, 150));
    const bigHead = right(await logTreeHead(big.store));
    big.pages.length = 0;
    right(await inclusionProofFor(big.store, 4321, bigHead));
    expect(big.pages).to.deep.equal([2000, 2000, 2000]);
  });

  it('refuses a truncated proof', async () => {
    const proof = right(await inclusionProofFor(store, 6, head));
    const error = left(checkInclusionProof({ ...proof, path: proof.path.slice(0, -1) }, head));
    expect(error.code).to.equal('ProofRefused');
    expect(error.message).to.equal(
      'the event at position 6 (stream SUB-3, version 2) is not proven in the head at position 15: the path has fewer hashes than a tree of 15 leaves needs for leaf 5',
    );
  });

  it('refuses a proof whose event was changed', async () => {
    const proof = right(await inclusionProofFor(store, 6, head));
    const error = left(checkInclusionProof({ ...proof, leaf: { ...proof.leaf, version: 3 } }, head));
    expect(error.message).to.match(/the path does not lead to the root/);
    expect(left(checkInclusionProof({ ...proof, leaf: { ...proof.leaf, position: 5 } }, head)).code).to.equal('ProofRefused');
  });

  it('refuses a proof made for another log, and a head from another log', async () => {
    const other = await interleavedLog(3, 5, 'OTHER');
    const otherHead = right(await logTreeHead(other));
    const foreign = right(await inclusionProofFor(other, 6, otherHead));
    const error = left(checkInclusionProof(foreign, head));
    expect(error.code).to.equal('ProofRefused');
    expect(error.message).to.match(/^the proof is for another head or another log: it proves against 15 events with root /);
    // A proof relabelled with this head's size and root does not hold either.
    expect(left(checkInclusionProof({ ...foreign, root: head.root }, head)).message).to.match(/the path does not lead to the root/);
    // And no proof is made from this log for another log's head.
    expect(left(await inclusionProofFor(store, 6, otherHead)).code).to.equal('LogDiffers');
  });

  it('cannot be made for a position after the head, nor from a log changed since the head', async () => {
    await appendTo(store, 'SUB-1', 1);
    expect(left(await inclusionProofFor(store, 16, head))).to.deep.equal({
      code: 'NotInLog',
      message: 'position 16 is after the last event the head at position 15 covers (position 15): prove it against a newer head',
    });
    const records = (await allRecords(store)).filter((r: StoredEvent) => r.position !== 3);
    expect(left(await inclusionProofFor(storeOf(records), 6, head)).code).to.equal('LogDiffers');
  });

  it('cannot be made against a head whose position was edited', async () => {
    expect(left(await inclusionProofFor(store, 6, { ...head, position: 20 }))).to.deep.equal({
      code: 'LogDiffers',
      message: 'the head at position 20 names position 20 as its last, but its last event is at position 15: the head was changed',
    });
  });

  it('read from a file names the wrong fields without echoing the file', async () => {
    const proof = right(await inclusionProofFor(store, 6, head));
    const { path: _cut, ...noPath } = proof;
    expect(left(decodeInclusionProof(noPath)).message).to.equal('not a csp-onprem-inclusion-proof/1 proof: path should be ReadonlyArray<SHA-256 hash in base64>');
    const error = left(decodeInclusionProof({ ...proof, leaf: { ...proof.leaf, streamId: '' }, path: ['c2VjcmV0IGtleTogaHVudGVyMg=='] }));
    expect(error.message).to.include('leaf.streamId should be non-empty stream id');
    expect(error.message).to.include('path.0 should be SHA-256 hash in base64');
    expect(error.message).not.to.include('c2VjcmV0');
  });
});
