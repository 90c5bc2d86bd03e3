import { expect } from 'chai';
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { canonicalJson, inMemoryStore, type StoredEvent } from '@csp-onprem/engine';
import {
  EMPTY_TREE_ROOT,
  decodeTreeHead,
  logLeafBytes,
  logLeafHash,
  logTreeHead,
  merkleTree,
  toBase64,
} from '@csp-onprem/audit';
import { allRecords, countingReads, interleavedLog, left, right, storeOf } from './support.js';

describe('a log leaf', () => {
  it('is the canonical JSON of the position, stream id, version and hash, and nothing else', () => {
    const event = { position: 48, streamId: 'csp-software-SUB-1', version: 3, hash: 'ab'.repeat(32), data: { secret: 1 } };
    expect(new TextDecoder().decode(logLeafBytes(event))).to.equal(`{"hash":"${'ab'.repeat(32)}","position":48,"streamId":"csp-software-SUB-1","version":3}`);
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const sameEventOtherData = { ...event, data: { secret: 2 } };
    expect(hex(logLeafHash(event))).to.equal(hex(logLeafHash(sameEventOtherData)));
    expect(hex(logLeafHash(event))).not.to.equal(hex(logLeafHash({ ...event, position: 49 })));
    expect(hex(logLeafHash(event))).not.to.equal(hex(logLeafHash({ ...event, version: 4 })));
  });

  it('hashes as SHA-256(0x00 || its UTF-8 bytes), whatever the stream id holds', () => {
    for (const streamId of ['csp-software-SUB-1', 'ünïcødé ✓ 🔑 "quoted" \\ back\nslash', 'x'.repeat(5000)]) {
      const event = { position: 7, streamId, version: 1, hash: 'cd'.repeat(32) };
      const text = `{"hash":"${'cd'.repeat(32)}","position":7,"streamId":${JSON.stringify(streamId)},"version":1}`;
      expect(new TextDecoder().decode(logLeafBytes(event))).to.equal(text);
      expect(text).to.equal(canonicalJson({ version: 1, streamId, position: 7, hash: 'cd'.repeat(32) }));
      const want = createHash('sha256').update(Uint8Array.of(0)).update(text, 'utf8').digest('hex');
      expect(Buffer.from(logLeafHash(event)).toString('hex'), streamId.slice(0, 20)).to.equal(want);
    }
  });
});

describe('a tree head', () => {
  it('of an empty log has size 0, position 0, no streams and the root of the empty tree', async () => {
    const head = right(await logTreeHead(inMemoryStore()));
    expect(head).to.deep.equal({ format: 'csp-onprem-tree-head/1', treeSize: 0, position: 0, root: toBase64(EMPTY_TREE_ROOT), streams: [] });
    expect(head.root).to.equal('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('covers every event of the global order with one leaf each, and keeps every stream head', async () => {
    const store = await interleavedLog(3, 4);
    const records = await allRecords(store);
    const head = right(await logTreeHead(store));
    expect(head.treeSize).to.equal(12);
    expect(head.position).to.equal(12);
    expect(head.root).to.equal(toBase64(merkleTree(records.map(logLeafHash)).root()));
    expect(head.streams.map((s) => [s.streamId, s.version, s.position])).to.deep.equal([
      ['SUB-1', 4, 10],
      ['SUB-2', 4, 11],
      ['SUB-3', 4, 12],
    ]);
    expect(head.streams[0]?.hash).to.equal(records[9]?.hash);
  });

  it('counts leaves, not positions, when the positions have gaps', async () => {
    const records = (await allRecords(await interleavedLog(2, 3))).map((r, i) => ({ ...r, position: 10 * (i + 1) }));
    const head = right(await logTreeHead(storeOf(records)));
    expect(head.treeSize).to.equal(6);
    expect(head.position).to.equal(60);
    expect(head.root).to.equal(toBase64(merkleTree(records.map(logLeafHash)).root()));
  });

  it('can be taken at an earlier position, covering only the events at or before it', async () => {
    const store = await interleavedLog(3, 4);
    const records = await allRecords(store);
    const head = right(await logTreeHead(store, { atPosition: 7 }));
    expect(head).to.include({ treeSize: 7, position: 7, root: toBase64(merkleTree(records.slice(0, 7).map(logLeafHash)).root()) });
    expect(head.streams.map((s) => s.version)).to.deep.equal([3, 2, 2]);
  });

  it('reads the log once, in pages of 2,000', async () => {
    const { store, pages } = countingReads(await interleavedLog(50, 90));
    expect(right(await logTreeHead(store)).treeSize).to.equal(4500);
    expect(pages).to.deep.equal([2000, 2000, 2000]);
  });

  it('reads back from its JSON text exactly as written', async () => {
    const head = right(await logTreeHead(await interleavedLog(2, 2)));
    expect(right(decodeTreeHead(JSON.parse(JSON.stringify(head))))).to.deep.equal(head);
  });

  it('read from a file names the wrong fields without echoing the file', async () => {
    const head = right(await logTreeHead(await interleavedLog(2, 2)));
    const secret = 'postgres://auditor:hunter2@db/csp';
    const error = left(decodeTreeHead({ ...head, treeSize: secret, root: `${secret}=`, format: 'csp-onprem-heads/1' }));
    expect(error.code).to.equal('InvalidDocument');
    expect(error.message).to.include('treeSize should be integer >= 0');
    expect(error.message).to.include('root should be SHA-256 hash in base64');
    expect(error.message).to.include('format should be "csp-onprem-tree-head/1"');
    expect(error.message).not.to.include('hunter2');
    expect(error.message).not.to.include('csp-onprem-heads/1');
  });

  it('read from a file is refused when its streams are out of order or its root is not 32 bytes', async () => {
    const head = right(await logTreeHead(await interleavedLog(2, 2)));
    expect(left(decodeTreeHead({ ...head, streams: [...head.streams].reverse() })).message).to.include('sorted by id');
    expect(E.isLeft(decodeTreeHead({ ...head, root: toBase64(new Uint8Array(31)) }))).to.equal(true);
    expect(E.isLeft(decodeTreeHead({ ...head, treeSize: 0 }))).to.equal(true);
    expect(E.isLeft(decodeTreeHead({ ...head, signature: 'AAAA' }))).to.equal(true);
  });

  it('binds the order across streams: swapping two events of different streams changes the root', async () => {
    const records = await allRecords(await interleavedLog(2, 2));
    const [a, b] = [records[1] as StoredEvent, records[2] as StoredEvent];
    const swapped = records.map((r) => (r === a ? { ...b, position: a.position } : r === b ? { ...a, position: b.position } : r));
    const before = right(await logTreeHead(storeOf(records)));
    const after = right(await logTreeHead(storeOf(swapped)));
    expect(after.treeSize).to.equal(before.treeSize);
    expect(after.root).not.to.equal(before.root);
  });
});
