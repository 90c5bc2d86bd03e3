import { expect } from 'chai';
import {
  checkConsistencyProof,
  consistencyProofBetween,
  decodeConsistencyProof,
  logTreeHead,
  signTreeHead,
  type ConsistencyProof,
  type TreeHead,
} from '@csp-onprem/audit';
import type { EventStore } from '@csp-onprem/engine';
import { allRecords, appendTo, ed25519Pems, interleavedLog, left, right, storeOf, withRewrittenEvent } from './support.js';

const flipFirstBit = (b64: string): string => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = (bytes[0] as number) ^ 1;
  return bytes.toString('base64');
};

describe('a consistency proof', () => {
  let store: EventStore;
  let older: TreeHead;
  let newer: TreeHead;
  let proof: ConsistencyProof;

  beforeEach(async () => {
    store = await interleavedLog(3, 3);
    older = right(await logTreeHead(store));
    await appendTo(store, 'SUB-1', 2);
    await appendTo(store, 'SUB-4', 3);
    newer = right(await logTreeHead(store));
    proof = right(await consistencyProofBetween(store, older, newer));
  });

  it('proves, from the two heads alone, that the log only grew', () => {
    expect(proof).to.deep.include({ format: 'csp-onprem-consistency-proof/1', older, newer });
    expect(right(checkConsistencyProof(proof))).to.deep.equal({ older, newer, appended: 5 });
  });

  it('holds after a trip through its file, with signed heads', async () => {
    const keys = ed25519Pems();
    const signedOlder = right(signTreeHead(older, keys.privateKey, new Date('2026-11-30T18:00:00.000Z')));
    const signedNewer = right(signTreeHead(newer, keys.privateKey, new Date('2026-12-07T18:00:00.000Z')));
    const made = right(await consistencyProofBetween(store, signedOlder, signedNewer));
    const read = right(decodeConsistencyProof(JSON.parse(JSON.stringify(made))));
    expect(read).to.deep.equal(made);
    expect(right(checkConsistencyProof(read)).appended).to.equal(5);
  });

  it('holds between a head and itself, with an empty path', async () => {
    const same = right(await consistencyProofBetween(store, newer, newer));
    expect(same.path).to.deep.equal([]);
    expect(right(checkConsistencyProof(same)).appended).to.equal(0);
  });

  it('holds between every pair of heads of a growing log', async () => {
    const records = await allRecords(store);
    const heads = [] as TreeHead[];
    for (let p = 1; p <= records.length; p += 1) heads.push(right(await logTreeHead(store, { atPosition: p })));
    for (const a of heads) for (const b of heads.filter((h) => h.treeSize >= a.treeSize)) right(checkConsistencyProof(right(await consistencyProofBetween(store, a, b))));
  });

  it('refuses a proof whose first hash was flipped', () => {
    const error = left(checkConsistencyProof({ ...proof, path: [flipFirstBit(proof.path[0] as string), ...proof.path.slice(1)] }));
    expect(error.code).to.equal('ProofRefused');
    expect(error.message).to.match(/^the log of the head at position 14 is not proven to extend that of the head at position 9: the proof does not lead to the/);
  });

  it('refuses a truncated proof', () => {
    expect(left(checkConsistencyProof({ ...proof, path: proof.path.slice(0, -1) })).message).to.match(/the proof has fewer hashes than trees of 9 and 14 leaves need$/);
    expect(left(checkConsistencyProof({ ...proof, path: [] })).message).to.match(/the proof is empty$/);
  });

  it('refuses heads given in the wrong order', async () => {
    expect(left(checkConsistencyProof({ ...proof, older: newer, newer: older })).code).to.equal('ProofRefused');
    expect(left(await consistencyProofBetween(store, newer, older)).message).to.match(/give the heads in the order they were taken$/);
  });

  it('refuses a head from another log', async () => {
    const other = await interleavedLog(3, 3, 'OTHER');
    const otherHead = right(await logTreeHead(other));
    expect(left(checkConsistencyProof({ ...proof, older: otherHead })).message).to.match(/the proof does not lead to the older root/);
    expect(left(await consistencyProofBetween(store, otherHead, newer))).to.deep.include({ code: 'LogDiffers' });
  });

  it('refuses two heads of the same events that name different last positions', async () => {
    const same = right(await consistencyProofBetween(store, newer, newer));
    expect(left(checkConsistencyProof({ ...same, newer: { ...newer, position: 99 } })).message).to.match(/the heads cover the same 14 events but name different last positions \(14 and 99\)$/);
  });

  it('refuses a newer head that covers more events but ends at the same position as the older one', () => {
    const stuck = { ...newer, position: older.position };
    expect(left(checkConsistencyProof({ ...proof, newer: stuck })).message).to.match(/the newer head covers 5 more events but ends at the same position \(9\)$/);
  });

  it('refuses a newer head whose stream list drops a stream the older one had', () => {
    const forged = { ...newer, streams: newer.streams.filter((s) => s.streamId !== 'SUB-2') };
    expect(left(checkConsistencyProof({ ...proof, newer: forged })).message).to.match(/stream SUB-2 vanished between the heads$/);
  });

  it('cannot be made from an empty older head, or from a log rewritten since the older head', async () => {
    const empty = right(await logTreeHead(storeOf([])));
    expect(left(await consistencyProofBetween(store, empty, newer))).to.deep.equal({
      code: 'ProofRefused',
      message: 'the older head is of an empty log: every log extends it, so there is nothing to prove',
    });
    const rewritten = storeOf(withRewrittenEvent(await allRecords(store), 'SUB-2', 2, { refund: 1 }));
    const rewrittenNewer = right(await logTreeHead(rewritten));
    const error = left(await consistencyProofBetween(rewritten, older, rewrittenNewer));
    expect(error.code).to.equal('LogDiffers');
    expect(error.message).to.match(/^the log's first 9 events no longer match the head at position 9/);
  });

  it('read from a file names what is wrong in either head without echoing the file', () => {
    const error = left(decodeConsistencyProof({ ...proof, older: { ...older, root: 'hunter2' } }));
    expect(error.message).to.equal('not a csp-onprem-consistency-proof/1 proof: older.root should be SHA-256 hash in base64');
    expect(left(decodeConsistencyProof({ ...proof, path: 'not a list' })).message).not.to.include('not a list');
  });
});
